"""Reads of employers: the public profile and the moderators' queue."""

import uuid

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from rest_framework.exceptions import NotFound

from apps.employers.models import EmployerProfile


def _with_open_job_count(queryset: QuerySet[EmployerProfile]) -> QuerySet[EmployerProfile]:
    from apps.jobs.selectors import jobs_visible_to_all

    open_jobs = (
        jobs_visible_to_all()
        .filter(employer=OuterRef("pk"))
        .order_by()
        .values("employer")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(
        open_job_count=Coalesce(Subquery(open_jobs, output_field=IntegerField()), 0)
    )


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
