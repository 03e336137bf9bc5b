"""Telling people what happened: in the app always, by email when they want it."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from apps.notifications import tasks
from apps.notifications.models import Notification
from apps.users.models import User


def notification_create(
    *, user: User, kind: str, title: str, body: str = "", data: dict[str, Any] | None = None
) -> Notification:
    """Call inside the action's transaction: the email leaves only if it commits."""
    notification = Notification.objects.create(
        user=user,
        kind=kind,
        # One line: it is also the email's subject, where a line break is refused.
        title=Truncator(" ".join(title.split())).chars(200),
        body=Truncator(body).chars(2000),
        data=data or {},
    )
    if user.notification_emails and user.is_active:
        transaction.on_commit(
            lambda: tasks.send_notification_email.delay(notification_id=str(notification.pk)),
            robust=True,
        )
    return notification


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification
