"""The email an employer gets when a moderator decides on its verification."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape

from apps.employers.models import EmployerProfile
from apps.users.emails import email_language, render_subject


def send_verification_decision(
    *, employer: EmployerProfile, status: str | None = None, reason: str | None = None
) -> None:
    status = status or employer.verification_status
    if status not in ("approved", "rejected", "suspended"):
        return
    if reason is None:
        reason = employer.suspension_reason if status == "suspended" else employer.rejection_reason
    language = email_language(employer.user.preferred_language)
    base = f"employers/email/{language}/verification_{status}"
    context = {"employer": employer, "reason": reason, "frontend_url": settings.FRONTEND_URL}
    with translation.override(language):
        subject = render_subject(f"{base}.subject.txt", context)
        text = render_to_string(f"{base}.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[employer.user.email])
    html = f'<div style="font-family: sans-serif; white-space: pre-wrap;">{escape(text)}</div>'
    message.attach_alternative(html, "text/html")
    message.send()
