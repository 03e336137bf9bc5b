"""Refresh tokens stored whole in simplejwt's outstanding-token list become their SHA-256.

`jwt_pair_issue` stores only the hash now; the rows written before held the
tokens themselves, each a sign-in for up to 14 days. A hash (64 hex digits)
has no dot, a JWT has two, so running this again changes nothing. Written in
the database's own functions, as a migration must not follow code that changes
later.
"""

from django.db import migrations
from django.db.models import F, Func, Value


def forwards(apps, schema_editor):
    OutstandingToken = apps.get_model("token_blacklist", "OutstandingToken")
    utf8 = Func(F("token"), Value("UTF8"), function="CONVERT_TO")
    OutstandingToken.objects.filter(token__contains=".").update(  # nosec B106: a JWT's dot
        token=Func(Func(utf8, function="SHA256"), Value("hex"), function="ENCODE")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0005_email_one_form"),
        ("token_blacklist", "0013_alter_blacklistedtoken_options_and_more"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
