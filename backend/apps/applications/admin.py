from typing import Any

from django.contrib import admin

from apps.applications.models import Application, ApplicationEvent
from apps.core.admin import ViewOnlyAdmin


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "actor", "note", "created_at")

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).select_related("actor")


@admin.register(Application)
class ApplicationAdmin(ViewOnlyAdmin):
    list_display = ("job", "candidate", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("job__title", "candidate__first_name", "candidate__last_name")
    inlines = (ApplicationEventInline,)
