"""What the Django admin may do with the platform's records."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class ViewOnlyAdmin(admin.ModelAdmin):
    """Read in the admin; changed only through the services (the API, and admin actions).

    A profile, a job or an application changed in a plain change form would skip
    what the services do: validation (a BSN, an age, a place that exists), the
    screening and publish gate, the row locks, the search cache, the emails and
    the audit trail. Superusers included.
    """

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
