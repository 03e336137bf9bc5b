"""Reading the audit trail."""

import uuid

from django.db.models import QuerySet

from apps.safety.models import AuditEvent


def audit_event_list(
    *,
    target_type: str | None = None,
    target_id: str | None = None,
    action: str | None = None,
    actor_id: uuid.UUID | None = None,
) -> QuerySet[AuditEvent]:
    """Events newest first, narrowed by whichever filters are given (None: no filter)."""
    events = AuditEvent.objects.select_related("actor")
    if target_type is not None:
        events = events.filter(target_type=target_type)
    if target_id is not None:
        events = events.filter(target_id=target_id)
    if action is not None:
        events = events.filter(action=action)
    if actor_id is not None:
        events = events.filter(actor_id=actor_id)
    return events.order_by("-created_at", "-id")
