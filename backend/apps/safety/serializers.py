from rest_framework import serializers

from apps.safety.models import ACTION_PATTERN, TARGET_TYPE_PATTERN, AuditEvent

_AUDIT_EVENT_FIELDS = (
    "id",
    "actor",
    "actor_email",
    "action",
    "target_type",
    "target_id",
    "before",
    "after",
    "reason",
    "ip",
    "created_at",
)


class AuditEventSerializer(serializers.ModelSerializer[AuditEvent]):
    """An event as moderators read it; `actor` is null for the system and for erased accounts."""

    # A plain string: it is empty for the system's own actions, which no email format allows.
    actor_email = serializers.CharField(
        read_only=True,
        help_text="The actor's email when they acted, empty for the system; it stays after the account is erased.",
    )
    before = serializers.DictField(read_only=True, help_text="The changed fields, before.")
    after = serializers.DictField(read_only=True, help_text="The changed fields, after.")

    class Meta:
        model = AuditEvent
        fields = _AUDIT_EVENT_FIELDS
        read_only_fields = _AUDIT_EVENT_FIELDS
        extra_kwargs = {
            "actor": {
                "help_text": "The id of the user who acted; null for the system's own actions and after the account is erased."
            },
        }


class AuditEventFilterSerializer(serializers.Serializer):
    """The list's query parameters; a malformed value is a 400, never an empty page."""

    target_type = serializers.RegexField(
        TARGET_TYPE_PATTERN,
        max_length=32,
        required=False,
        help_text="The kind of object acted on, such as `employer` or `job`.",
    )
    target_id = serializers.CharField(
        max_length=64, required=False, help_text="The id of the object acted on."
    )
    action = serializers.RegexField(
        ACTION_PATTERN,
        max_length=64,
        required=False,
        help_text="Such as `employer.approved`.",
    )
    actor = serializers.UUIDField(required=False, help_text="The id of the user who acted.")
