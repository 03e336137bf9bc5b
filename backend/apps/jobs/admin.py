from typing import Any

from django.contrib import admin

from apps.jobs.models import Job, MinimumWage, SavedJob


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "employer",
        "status",
        "hourly_wage",
        "city",
        "published_at",
        "expires_at",
    )
    list_filter = ("status", "category", "employment_type")
    search_fields = ("title", "employer__company_name", "city")
    raw_id_fields = ("employer",)
    readonly_fields = (
        "id",
        "status",
        "published_at",
        "risk_flags",
        "rejection_reason",
        "created_at",
        "updated_at",
    )
    exclude = ("search_vector",)


@admin.register(MinimumWage)
class MinimumWageAdmin(admin.ModelAdmin):
    list_display = ("effective_from", "age", "hourly_amount", "source")
    list_filter = ("effective_from",)

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # published amounts: new periods come by migration

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


admin.site.register(SavedJob)
