"""Recording the audit trail: every verification step and moderation action."""

import datetime
import math
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.duration import duration_iso_string
from django.utils.functional import Promise
from rest_framework.exceptions import PermissionDenied

from apps.safety.models import AuditEvent
from apps.users.models import User


def json_safe(value: Any) -> Any:
    """The value in types JSON holds, so that an event reads the same wherever it is loaded.

    Decimals become plain decimal strings (`"15.50"`, never `1E+1`) so that money
    keeps its cents; times become ISO 8601. An unknown type is a mistake of the
    caller and raises, rather than landing in the trail as some `repr`.
    """
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str | Promise):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return json_safe(value.pk)
    if isinstance(value, Mapping):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((json_safe(item) for item in value), key=str)
    raise TypeError(f"{type(value).__name__} cannot be recorded in the audit trail")


_MISSING = object()


def changed_fields(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose values differ, each side keeping the keys it has.

    Values compare as Python values, so `Decimal("15.5")` and `Decimal("15.50")` are no change.
    """
    changed_before: dict[str, Any] = {}
    changed_after: dict[str, Any] = {}
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key, _MISSING), after.get(key, _MISSING)
        if old is not _MISSING and new is not _MISSING and old == new:
            continue
        if old is not _MISSING:
            changed_before[key] = old
        if new is not _MISSING:
            changed_after[key] = new
    return changed_before, changed_after


def audit_event_record(
    *,
    actor: User | None,
    action: str,
    target_type: str,
    target_id: str | int | uuid.UUID,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
    ip: str | None = None,
) -> AuditEvent:
    """Append one event to the trail; `actor` is None for the system's own actions.

    No transaction of its own: call it inside the action's transaction, so that
    the event is kept exactly when the action is.
    """
    event = AuditEvent(
        actor=actor,
        actor_email=actor.email if actor is not None else "",
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        before=json_safe(dict(before or {})),
        after=json_safe(dict(after or {})),
        reason=reason,
        ip=ip or None,
    )
    event.full_clean()
    event.save(force_insert=True)
    return event


def moderator_not_involved(*, moderator: User, owner_id: Any) -> None:
    """Nobody decides on their own account or its jobs (a staff user may be an employer too)."""
    if moderator.pk == owner_id:
        raise PermissionDenied(
            detail="A moderator cannot decide on their own account or its jobs.",
            code="permission_denied",
        )
