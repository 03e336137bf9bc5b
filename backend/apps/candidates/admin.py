from django.contrib import admin

from apps.candidates.models import CandidateProfile


@admin.register(CandidateProfile)
class CandidateProfileAdmin(admin.ModelAdmin):
    list_display = ("__str__", "city", "is_discoverable", "max_travel_km", "updated_at")
    list_filter = ("is_discoverable",)
    search_fields = ("first_name", "last_name", "user__email", "city", "postal_code")
    raw_id_fields = ("user",)
    readonly_fields = ("id", "created_at", "updated_at")
