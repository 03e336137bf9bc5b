"""Reads of jobs: who may see which job, search, recommendations, and the lists around them."""

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.gis.db.models.functions import Distance, GeometryDistance
from django.contrib.gis.measure import D
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, FloatField, Q, QuerySet, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from rest_framework.exceptions import NotFound

from apps.candidates.models import CandidateProfile
from apps.core.geo import point
from apps.employers.models import EmployerProfile
from apps.jobs.models import Job, SavedJob
from apps.users.models import User

MEDIAN_MIN_JOBS = 5


def jobs_visible_to_all() -> QuerySet[Job]:
    """Published, not past their date, of an approved employer: what workers may see."""
    return Job.objects.filter(
        status=Job.Status.PUBLISHED,
        expires_at__gt=timezone.now(),
        employer__verification_status=EmployerProfile.VerificationStatus.APPROVED,
    )


def _is_owner(user: User, job: Job) -> bool:
    return bool(user.is_authenticated and job.employer.user_id == user.pk)


def job_get_for_viewer(*, viewer: User, job_id: uuid.UUID) -> Job:
    """A job anyone may see, or the caller's own, or any for a moderator; else the same 404."""
    job = Job.objects.select_related("employer").filter(pk=job_id).first()
    if job is None:
        raise NotFound()
    if viewer.is_authenticated and (viewer.is_moderator or _is_owner(viewer, job)):
        return job
    if jobs_visible_to_all().filter(pk=job.pk).exists():
        return job
    raise NotFound()


def job_get_for_owner(*, user: User, job_id: uuid.UUID) -> Job:
    job = Job.objects.select_related("employer").filter(pk=job_id, employer__user=user).first()
    if job is None:
        raise NotFound()
    return job


def job_get_visible(*, job_id: uuid.UUID) -> Job:
    job = jobs_visible_to_all().filter(pk=job_id).first()
    if job is None:
        raise NotFound()
    return job


def category_median_wage(*, category: str, exclude: uuid.UUID | None = None) -> Decimal | None:
    """The median hourly wage of the category's published jobs; None with too few to tell."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY hourly_wage)
            FROM jobs_job WHERE category = %s AND status = 'published' AND id IS DISTINCT FROM %s
            """,
            [category, exclude],
        )
        count, median = cursor.fetchone()
    if count < MEDIAN_MIN_JOBS or median is None:
        return None
    return Decimal(str(median)).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class JobSearch:
    q: str = ""
    lat: float | None = None
    lon: float | None = None
    radius_km: float = 25.0
    min_wage: Decimal | None = None
    employment_types: list[str] = field(default_factory=list)
    category: str = ""
    starts_after: date | None = None
    starts_before: date | None = None
    employer: uuid.UUID | None = None
    ordering: str = ""

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def effective_ordering(self) -> str:
        if self.ordering:
            return self.ordering
        if self.q:
            return "relevance"
        return "distance" if self.has_point else "-published_at"


def job_search(search: JobSearch) -> QuerySet[Job]:
    """Full text (Dutch and English, typo tolerant), radius, filters and ordering.

    The radius is `ST_DWithin` on the geography column and distances come from
    the KNN operator on it, so both use the GiST index and measure on the sphere.
    """
    jobs = jobs_visible_to_all().select_related("employer")
    if search.has_point:
        origin = point(latitude=search.lat, longitude=search.lon)  # type: ignore[arg-type]
        # KNN (<->) orders on the sphere through the index; the distance shown is
        # ST_Distance on the spheroid, exact to the metre.
        jobs = jobs.filter(location__dwithin=(origin, D(km=search.radius_km))).annotate(
            knn=GeometryDistance("location", origin), distance=Distance("location", origin)
        )
    if search.q:
        query = SearchQuery(search.q, config="dutch", search_type="websearch") | SearchQuery(
            search.q, config="english", search_type="websearch"
        )
        jobs = jobs.filter(
            Q(search_vector=query) | Q(title__trigram_word_similar=search.q)
        ).annotate(
            relevance=Greatest(
                SearchRank(F("search_vector"), query), Value(0.0, output_field=FloatField())
            )
        )
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

    ordering = search.effective_ordering
    if ordering == "distance":
        return jobs.order_by("knn", "-published_at", "id")
    if ordering == "relevance":
        return jobs.order_by("-relevance", "-published_at", "id")
    if ordering == "-hourly_wage":
        return jobs.order_by("-hourly_wage", "-published_at", "id")
    return jobs.order_by("-published_at", "id")


def jobs_of_employer(*, employer: EmployerProfile) -> QuerySet[Job]:
    return Job.objects.filter(employer=employer).select_related("employer").order_by("-created_at")


def jobs_for_moderation(*, status: str | None = None) -> QuerySet[Job]:
    jobs = Job.objects.select_related("employer").order_by("updated_at")
    return jobs.filter(status=status) if status else jobs


def saved_jobs_of(*, candidate: CandidateProfile) -> QuerySet[SavedJob]:
    return (
        SavedJob.objects.filter(candidate=candidate)
        .select_related("job", "job__employer")
        .order_by("-created_at")
    )
