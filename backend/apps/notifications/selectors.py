import uuid

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound

from apps.notifications.models import Notification
from apps.users.models import User


def notifications_of(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at")


def notification_get_for_user(*, user: User, notification_id: uuid.UUID) -> Notification:
    notification = Notification.objects.filter(pk=notification_id, user=user).first()
    if notification is None:
        raise NotFound()
    return notification
