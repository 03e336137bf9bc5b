"""Stored addresses in their one form (apps/users/managers.py normalize_email).

Addresses were stored stripped and lower-cased; the one form also folds
Unicode compatibility spellings and writes the domain in IDNA's ASCII form.
An address whose one form another account already has is left as it is and
named in the output (a person to contact, not a row to merge by guesswork).
The normalisation is written out here, as a migration must not follow code
that changes later.
"""

import contextlib
import unicodedata

from django.db import migrations
from django.utils.encoding import punycode


def one_form(email: str) -> str:
    text = unicodedata.normalize("NFKC", (email or "").strip())
    local, at, domain = text.rpartition("@")
    if at:
        with contextlib.suppress(UnicodeError):
            domain = punycode(domain)
    return f"{local}{at}{domain}".lower()


def forwards(apps, schema_editor):
    User = apps.get_model("users", "User")
    taken = set(User.objects.values_list("email", flat=True))
    for pk, email in User.objects.values_list("pk", "email"):
        wanted = one_form(email)
        if wanted == email:
            continue
        if wanted in taken:
            print(f"\n  users.0005: {email!r} not rewritten: {wanted!r} is another account")
            continue
        User.objects.filter(pk=pk).update(email=wanted)
        taken.discard(email)
        taken.add(wanted)


class Migration(migrations.Migration):
    dependencies = [("users", "0004_magic_link_requested_user_type")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
