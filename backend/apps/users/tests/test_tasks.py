import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from apps.users import tasks
from apps.users.models import MagicLinkToken, PhoneVerification
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_purge_deletes_sign_in_codes_a_day_past_expiry():
    user = UserFactory()
    now = timezone.now()
    old = MagicLinkToken.objects.create(
        user=user, token_hash="a" * 64, expires_at=now - timedelta(days=2)
    )
    recent = MagicLinkToken.objects.create(
        user=user, token_hash="b" * 64, expires_at=now - timedelta(hours=1)
    )
    PhoneVerification.objects.create(
        user=user,
        phone_number="+31612345678",
        code_hash="c" * 64,
        expires_at=now - timedelta(days=2),
    )

    assert tasks.purge_expired_sign_in_codes() == 2

    assert list(MagicLinkToken.objects.all()) == [recent]
    assert not MagicLinkToken.objects.filter(pk=old.pk).exists()
    assert not PhoneVerification.objects.exists()


def test_purge_deletes_refresh_tokens_a_day_past_expiry_with_their_blacklisting():
    user = UserFactory()
    now = timezone.now()
    old, recent, live = (
        OutstandingToken.objects.create(user=user, jti=jti, token=jti * 64, expires_at=expires_at)
        for jti, expires_at in [
            ("a", now - timedelta(days=2)),
            ("b", now - timedelta(hours=1)),
            ("c", now + timedelta(days=13)),
        ]
    )
    BlacklistedToken.objects.create(token=old)
    BlacklistedToken.objects.create(token=live)

    assert tasks.purge_expired_sign_in_codes() == 1

    assert set(OutstandingToken.objects.all()) == {recent, live}
    assert list(BlacklistedToken.objects.values_list("token", flat=True)) == [live.pk]


def test_purge_deletes_failed_admin_sign_ins_a_day_past_their_lockout():
    from axes.models import AccessAttempt

    now = timezone.now()
    old, recent = (
        AccessAttempt.objects.create(
            username="root@example.nl",
            ip_address=ip,
            user_agent="",
            failures_since_start=5,
        )
        for ip in ("198.51.100.7", "198.51.100.8")
    )

    # attempt_time is set on creation (auto_now_add): dated afterwards.
    AccessAttempt.objects.filter(pk=old.pk).update(attempt_time=now - timedelta(hours=26))
    AccessAttempt.objects.filter(pk=recent.pk).update(attempt_time=now - timedelta(hours=24))

    assert tasks.purge_expired_sign_in_codes() == 1

    assert list(AccessAttempt.objects.all()) == [recent]


def test_smtp_down_still_answers_202_and_logs_the_failure(
    api_client, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        9,
        False,
        1,
    )
    UserFactory(email="sanne@example.nl")

    django_logger = logging.getLogger("django")  # does not propagate to caplog's root handler
    django_logger.addHandler(caplog.handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = api_client.post(
                "/api/v1/auth/magic-link/", {"email": "sanne@example.nl"}, format="json"
            )
    finally:
        django_logger.removeHandler(caplog.handler)

    assert response.status_code == 202
    assert mail.outbox == []
    assert MagicLinkToken.objects.get().expires_at <= timezone.now()
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any(
        "send_magic_link" in message or "ConnectionRefusedError" in message for message in errors
    ), errors


def test_a_link_whose_email_failed_is_voided_before_the_retry(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = ("127.0.0.1", 9, 1)
    user = UserFactory(email="sanne@example.nl")
    earlier = MagicLinkToken.objects.create(
        user=user, token_hash="e" * 64, expires_at=timezone.now() + timedelta(minutes=5)
    )

    with pytest.raises(ConnectionRefusedError):
        tasks.send_sign_in_link(
            email="sanne@example.nl", user_type=None, ip=None, user_agent="", language="en"
        )

    failed = MagicLinkToken.objects.exclude(pk=earlier.pk).get()
    assert failed.expires_at <= timezone.now()
    assert MagicLinkToken.objects.filter(expires_at__gt=timezone.now()).get() == earlier


def test_sign_in_emails_queued_by_the_previous_release_are_still_sent():
    user = UserFactory(email="sanne@example.nl")
    gone = UserFactory(email="gone@example.nl", is_active=False)

    tasks.send_magic_link_email(user_id=str(user.pk), token="t" * 43, language="en")
    tasks.send_magic_link_email(user_id=str(gone.pk), token="u" * 43, language="en")
    tasks.send_no_account_email(email="nobody@example.nl", language="nl")

    assert [m.to for m in mail.outbox] == [["sanne@example.nl"], ["nobody@example.nl"]]
    assert "t" * 43 in mail.outbox[0].body
    assert mail.outbox[1].subject == "Inloggen bij Safe Job"
