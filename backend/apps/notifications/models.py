from django.conf import settings
from django.db import models
from django.db.models.fields.json import KeyTransform

from apps.core.models import BaseModel


class Notification(BaseModel):
    """Something that happened that concerns one user, shown in the app and, if they like, emailed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=64)
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=2000, blank=True, default="")
    data = models.JSONField(default=dict, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta(BaseModel.Meta):
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notifications_user_created"),
            # Retention finds the notifications of the applications it scrubs by this
            # (`data__application__in`), not by reading every notification.
            models.Index(KeyTransform("application", "data"), name="notifications_application"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"
