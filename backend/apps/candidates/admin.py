from django.contrib import admin

from apps.candidates.models import CandidateProfile
from apps.core.admin import ViewOnlyAdmin


@admin.register(CandidateProfile)
class CandidateProfileAdmin(ViewOnlyAdmin):
    list_display = ("__str__", "city", "is_discoverable", "max_travel_km", "updated_at")
    list_filter = ("is_discoverable",)
    search_fields = ("first_name", "last_name", "user__email", "city", "postal_code")
