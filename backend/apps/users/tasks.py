"""Celery tasks of the users app: they call the email and SMS senders, nothing more.

Sign-in links and phone codes are made in the worker and never travel through
the broker.
"""

import logging
from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from apps.core.sms import send_sms

logger = logging.getLogger(__name__)

RETRY_POLICY = {
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 5,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 6,
}


@shared_task(**RETRY_POLICY)
def send_sign_in_link(
    *, email: str, user_type: str | None, ip: str | None, user_agent: str, language: str
) -> None:
    from apps.users import services

    services.sign_in_link_send(
        email=email, user_type=user_type, ip=ip, user_agent=user_agent, language=language
    )


# Until every queue has drained of them: messages that web processes of the
# release before `send_sign_in_link` queued (sign-in emails, and their retries,
# waiting up to ten minutes). A worker that does not know a task drops it.
@shared_task(**RETRY_POLICY)
def send_magic_link_email(*, user_id: str, token: str, language: str) -> None:
    from apps.users import emails
    from apps.users.models import User

    user = User.objects.filter(pk=user_id, is_active=True).only("email").first()
    if user is not None:
        emails.send_magic_link(to=user.email, token=token, language=language)


@shared_task(**RETRY_POLICY)
def send_no_account_email(*, email: str, language: str) -> None:
    from apps.users import emails

    emails.send_no_account(to=email, language=language)


@shared_task(**RETRY_POLICY)
def send_phone_code(*, verification_id: str, language: str) -> None:
    from apps.users import services

    services.phone_code_send(verification_id=verification_id, language=language)


@shared_task(**RETRY_POLICY)
def send_phone_code_sms(*, to: str, code: str, language: str) -> None:
    """The previous release's task, until queued messages have drained (see above)."""
    from apps.users import emails

    send_sms(to=to, body=emails.phone_code_text(code=code, language=language))


@shared_task
def purge_expired_sign_in_codes() -> int:
    """Magic links, phone codes and refresh tokens are useless a day after they expire.

    Keep no trace of them. Every refresh of an access token adds a refresh token
    to simplejwt's outstanding list (and its blacklisting), which only this empties.
    Failed admin sign-ins (django-axes: email, address, browser) go a day after their
    lockout period: axes drops them only at a later sign-in.
    """
    from axes.models import AccessAttempt
    from django.conf import settings
    from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

    from apps.users.models import MagicLinkToken, PhoneVerification

    cutoff = timezone.now() - timedelta(days=1)
    links, _ = MagicLinkToken.objects.filter(expires_at__lt=cutoff).delete()
    codes, _ = PhoneVerification.objects.filter(expires_at__lt=cutoff).delete()
    _, deleted = OutstandingToken.objects.filter(expires_at__lt=cutoff).delete()
    refresh_tokens = deleted.get(OutstandingToken._meta.label, 0)
    failures, _ = AccessAttempt.objects.filter(
        attempt_time__lt=cutoff - settings.AXES_COOLOFF_TIME
    ).delete()
    logger.info(
        "purged %d magic links, %d phone codes, %d refresh tokens and %d failed admin sign-ins",
        links,
        codes,
        refresh_tokens,
        failures,
    )
    return links + codes + refresh_tokens + failures


@shared_task
def delete_unconfirmed_sign_ups() -> int:
    """Accounts whose sign-up link nobody followed go after a week (services)."""
    from apps.users import services

    deleted = services.unconfirmed_sign_ups_delete()
    logger.info("deleted %d unconfirmed sign-ups", deleted)
    return deleted
