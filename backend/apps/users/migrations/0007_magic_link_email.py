"""A sign-in link remembers the address it was sent to; links already sent get their account's."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def forwards(apps, schema_editor):
    MagicLinkToken = apps.get_model("users", "MagicLinkToken")
    User = apps.get_model("users", "User")
    MagicLinkToken.objects.update(
        email=Subquery(User.objects.filter(pk=OuterRef("user_id")).values("email")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("users", "0006_outstanding_token_hashes")]

    operations = [
        migrations.AddField(
            model_name="magiclinktoken",
            name="email",
            field=models.EmailField(blank=True, default="", max_length=254),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
