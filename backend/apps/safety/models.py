import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from apps.core.validators import validate_no_bsn

# "employer.approved", "job.approved", "employer.verification_reset": entity, dot, verb.
ACTION_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$"
TARGET_TYPE_PATTERN = r"^[a-z][a-z0-9_]*$"

validate_action = RegexValidator(
    ACTION_PATTERN,
    message="An action is lowercase words joined by dots, such as `employer.approved`.",
    code="invalid_action",
)
validate_target_type = RegexValidator(
    TARGET_TYPE_PATTERN,
    message="A target type is one lowercase word, such as `employer`.",
    code="invalid_target_type",
)


class AuditEvent(models.Model):
    """One verification step or moderation action: who did what to which object, when and why.

    Rows are append-only: a database trigger (migration 0002) refuses UPDATE and
    DELETE, except the `actor_id = NULL` that erasing the actor's account makes.
    That is why `actor_email` keeps a copy of who it was.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty for actions of the system itself, and after the actor's account is erased.",
    )
    actor_email = models.EmailField(blank=True, default="")
    action = models.CharField(max_length=64, db_index=True, validators=[validate_action])
    target_type = models.CharField(max_length=32, validators=[validate_target_type])
    target_id = models.CharField(max_length=64)
    before = models.JSONField(default=dict, blank=True, help_text="The changed fields, before.")
    after = models.JSONField(default=dict, blank=True, help_text="The changed fields, after.")
    # Append-only, so kept for good: the platform may not keep a BSN.
    reason = models.TextField(blank=True, default="", validators=[validate_no_bsn])
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(
                fields=["target_type", "target_id", "created_at"],
                name="safety_audit_target_created",
            )
        ]

    def __str__(self) -> str:
        who = self.actor_email or "system"
        return f"{self.action} {self.target_type}:{self.target_id} by {who} at {self.created_at:%Y-%m-%d %H:%M}"
