"""The search as a queryset, for callers that want model instances.

The same jobs in the same order as `job_search_page` (the tests hold the two
together), but the plan is left to the planner: slow over many jobs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.gis.db.models.functions import Distance, GeometryDistance, Transform
from django.contrib.gis.measure import D
from django.db.models import BooleanField, Case, IntegerField, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from apps.core.geo import point
from apps.jobs.models import RD_NEW, Job
from apps.jobs.search.sql import (
    TIER_CATEGORY,
    TIER_ELSEWHERE,
    TIER_TITLE,
    on_grid,
    words,
)

if TYPE_CHECKING:
    from apps.jobs.search import JobSearch


def _matches(tsquery: str) -> RawSQL:
    return RawSQL(
        '"jobs_job"."search_vector" @@ %s::tsquery', [tsquery], output_field=BooleanField()
    )


def job_search(search: JobSearch) -> QuerySet[Job]:
    from apps.jobs.selectors import jobs_visible_to_all

    jobs = jobs_visible_to_all().select_related("employer")
    if search.has_point:
        origin = point(latitude=search.lat, longitude=search.lon)  # type: ignore[arg-type]
        knn = (
            GeometryDistance("location_rd", Transform(origin, RD_NEW))
            if on_grid(origin.y, origin.x)
            else GeometryDistance("location", origin)
        )
        jobs = jobs.filter(location__dwithin=(origin, D(km=search.radius_km))).annotate(
            knn=knn, distance=Distance("location", origin)
        )
    ordering = search.effective_ordering
    if search.q and (found := words(search.q)).exact:
        jobs = jobs.filter(_matches(found.tsq)).annotate(
            tier=Case(
                When(_matches(found.tsq_title), then=Value(TIER_TITLE)),
                When(_matches(found.tsq_title_category), then=Value(TIER_CATEGORY)),
                default=Value(TIER_ELSEWHERE),
                output_field=IntegerField(),
            )
        )
    elif ordering == "relevance":  # no words to weigh (stop words only): every job ties
        ordering = "-published_at"
    if search.min_wage is not None:
        jobs = jobs.filter(hourly_wage__gte=search.min_wage)
    if search.employment_types:
        jobs = jobs.filter(employment_type__in=search.employment_types)
    if search.category:
        jobs = jobs.filter(category=search.category)
    if search.starts_after:
        jobs = jobs.filter(starts_on__gte=search.starts_after)
    if search.starts_before:
        jobs = jobs.filter(starts_on__lte=search.starts_before)
    if search.employer:
        jobs = jobs.filter(employer_id=search.employer)
    if ordering == "distance":
        return jobs.order_by("knn", "-published_at", "id")
    if ordering == "relevance":
        return jobs.order_by("-tier", "-published_at", "id")
    if ordering == "-hourly_wage":
        return jobs.order_by("-hourly_wage", "-published_at", "id")
    return jobs.order_by("-published_at", "id")
