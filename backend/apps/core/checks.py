"""The platform's own deployment checks (`manage.py check --deploy`)."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

# Names of this machine, not addresses to bind.
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})  # noqa: S104  # nosec B104


@register(Tags.security, deploy=True)
def frontend_url_check(**kwargs: Any) -> list[CheckMessage]:
    """Every sign-in link and email points at FRONTEND_URL: a development default
    there would send people's sign-in links to their own machine, over plain HTTP."""
    parts = urlsplit(settings.FRONTEND_URL)
    if parts.scheme == "https" and parts.hostname and parts.hostname not in _LOCAL_HOSTS:
        return []
    return [
        Warning(
            f"FRONTEND_URL is {settings.FRONTEND_URL!r}: the links in emails (sign-in links"
            " among them) would not reach the site.",
            hint="Set FRONTEND_URL to the site's https:// address.",
            id="safejob.W001",
        )
    ]
