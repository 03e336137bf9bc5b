from django.contrib import admin
from django.http import HttpRequest

from apps.safety.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The trail, to read: staff with the view permission see it, nobody adds, edits or deletes."""

    list_display = ("created_at", "action", "target_type", "target_id", "actor_email", "ip")
    list_filter = ("action", "target_type")
    search_fields = ("actor_email", "target_id", "reason")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")
    fields = (
        "id",
        "created_at",
        "action",
        "target_type",
        "target_id",
        "actor",
        "actor_email",
        "ip",
        "reason",
        "before",
        "after",
    )
    readonly_fields = fields
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
