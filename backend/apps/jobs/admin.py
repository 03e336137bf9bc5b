from django.contrib import admin

from apps.core.admin import ViewOnlyAdmin
from apps.jobs.models import Job, MinimumWage, SavedJob


@admin.register(Job)
class JobAdmin(ViewOnlyAdmin):
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
    exclude = ("search_vector",)


@admin.register(MinimumWage)
class MinimumWageAdmin(ViewOnlyAdmin):
    """Published amounts: new periods come by migration (see the 0002 migration)."""

    list_display = ("effective_from", "age", "hourly_amount", "source")
    list_filter = ("effective_from",)


@admin.register(SavedJob)
class SavedJobAdmin(ViewOnlyAdmin):
    list_display = ("job", "candidate", "created_at")
