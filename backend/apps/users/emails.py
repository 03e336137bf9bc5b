"""The account emails, each with a plain-text and an HTML part, in Dutch or English."""

import re
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

EMAIL_LANGUAGES = ("en", "nl")

_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f]")


def email_language(language: str | None) -> str:
    code = (language or "").split("-")[0].lower()
    return code if code in EMAIL_LANGUAGES else "en"


def render_subject(template_name: str, context: dict[str, Any]) -> str:
    """The subject template rendered on one line, whatever its context holds.

    A line break in a header is refused (BadHeaderError) and would fail the email
    for good, and a name stored before one-line names were enforced may hold one.
    """
    text = " ".join(render_to_string(template_name, context).split())
    return _CONTROL_RE.sub("", text)


def _send(*, template: str, to: str, language: str, context: dict[str, object]) -> None:
    language = email_language(language)
    base = f"users/email/{language}/{template}"
    context = {**context, "frontend_url": settings.FRONTEND_URL}
    with translation.override(language):
        subject = render_subject(f"{base}.subject.txt", context)
        text = render_to_string(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


def send_magic_link(*, to: str, token: str, language: str) -> None:
    link = f"{settings.FRONTEND_URL}/auth/verify?token={token}"
    minutes = int(settings.MAGIC_LINK_TTL.total_seconds() // 60)
    _send(
        template="magic_link", to=to, language=language, context={"link": link, "minutes": minutes}
    )


def send_no_account(*, to: str, language: str) -> None:
    signup = f"{settings.FRONTEND_URL}/signup"
    _send(
        template="no_account",
        to=to,
        language=language,
        context={"signup_link": signup, "email": to},
    )


PHONE_CODE_TEXT = {
    "en": "Your Safe Job code is {code}. It is valid for 10 minutes. Never share it.",
    "nl": "Je Safe Job-code is {code}. Hij is 10 minuten geldig. Deel hem met niemand.",
}


def phone_code_text(*, code: str, language: str) -> str:
    return PHONE_CODE_TEXT[email_language(language)].format(code=code)
