from typing import Any

from django.contrib import admin

from apps.applications.models import Application, ApplicationEvent


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "actor", "note", "created_at")

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("job", "candidate", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("job__title", "candidate__first_name", "candidate__last_name")
    raw_id_fields = ("job", "candidate")
    readonly_fields = (
        "status",
        "offered_hourly_wage",
        "personal_data_removed_at",
        "created_at",
        "updated_at",
    )
    inlines = (ApplicationEventInline,)
