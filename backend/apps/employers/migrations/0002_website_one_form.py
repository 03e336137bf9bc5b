"""Stored websites in their one form (apps/core/validators.py normalize_website).

Websites were stored as typed: a host such as `bäckerei.nl` was not the URI the
API documents. Each is rewritten with its host in IDNA's ASCII form and the
rest percent-encoded. A website the API now refuses (a user name or password in
it, an IP address, a single label, `localhost`, a private network's name) is
left as it is and named in the output: the employer is to be asked, not its
link dropped by guesswork. The normalisation is written out here, as a
migration must not follow code that changes later.
"""

import ipaddress
from urllib.parse import urlsplit

from django.db import migrations
from django.utils.encoding import iri_to_uri, punycode

NOT_PUBLIC_TLDS = {
    "localhost",
    "local",
    "internal",
    "intranet",
    "lan",
    "home",
    "corp",
    "private",
    "arpa",
    "onion",
    "invalid",
    "alt",
}

IDNA_DEVIATIONS = {"\u00df", "\u03c2", "\u200c", "\u200d"}


def one_form(website: str) -> str | None:
    """The website's one form, or None when the API would refuse it."""
    try:
        parts = urlsplit(website)
        port = parts.port
        host = (parts.hostname or "").rstrip(".")
        if IDNA_DEVIATIONS.intersection(host):  # browsers and punycode disagree on these
            return None
        host = punycode(host).lower()
    except (ValueError, UnicodeError):
        return None
    if parts.scheme not in ("http", "https") or "@" in parts.netloc:
        return None
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    labels = host.split(".")
    if len(labels) < 2 or labels[-1] in NOT_PUBLIC_TLDS:
        return None
    rest = website[len(parts.scheme) + len("://") + len(parts.netloc) :]
    netloc = host if port is None else f"{host}:{port}"
    return f"{parts.scheme}://{netloc}{iri_to_uri(rest)}"


def forwards(apps, schema_editor):
    EmployerProfile = apps.get_model("employers", "EmployerProfile")
    for pk, website in EmployerProfile.objects.exclude(website="").values_list("pk", "website"):
        wanted = one_form(website)
        if wanted is None:
            print(f"\n  employers.0002: employer {pk}: website {website!r} left as it is")
        elif wanted != website and len(wanted) <= 200:
            EmployerProfile.objects.filter(pk=pk).update(website=wanted)


class Migration(migrations.Migration):
    dependencies = [("employers", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
