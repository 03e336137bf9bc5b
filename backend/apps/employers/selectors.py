"""Reads of employers: the public profile and the moderators' queue."""

import uuid

from django.db.models import IntegerField, QuerySet, Value
from rest_framework.exceptions import NotFound

from apps.employers.models import EmployerProfile


def _with_open_job_count(queryset: QuerySet[EmployerProfile]) -> QuerySet[EmployerProfile]:
    # Jobs do not exist yet; the jobs app turns this into a count of published jobs.
    return queryset.annotate(open_job_count=Value(0, output_field=IntegerField()))


def employer_get_public(*, employer_id: uuid.UUID) -> EmployerProfile:
    """Any employer that has named itself; `is_verified` tells workers whether it was checked."""
    employer = (
        _with_open_job_count(EmployerProfile.objects.filter(user__is_active=True))
        .exclude(company_name="")
        .filter(pk=employer_id)
        .first()
    )
    if employer is None:
        raise NotFound()
    return employer


def employer_list_for_moderation(*, status: str | None = None) -> QuerySet[EmployerProfile]:
    """Oldest request first, so nobody waits longest."""
    queryset = EmployerProfile.objects.select_related("user", "verified_by").order_by(
        "verification_requested_at", "created_at"
    )
    if status:
        queryset = queryset.filter(verification_status=status)
    return queryset


def employer_get_for_moderation(*, employer_id: uuid.UUID) -> EmployerProfile:
    employer = employer_list_for_moderation().filter(pk=employer_id).first()
    if employer is None:
        raise NotFound()
    return employer
