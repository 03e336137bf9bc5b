"""Reads of jobs: who may see which job, search, recommendations, and the lists around them."""

import uuid
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone
from rest_framework.exceptions import NotFound

from apps.candidates.models import CandidateProfile
from apps.employers.models import EmployerProfile
from apps.jobs.models import CategoryWage, Job, SavedJob
from apps.jobs.search import JobSearch as JobSearch  # search lives in apps/jobs/search.py
from apps.jobs.search import job_search as job_search
from apps.users.models import User

MEDIAN_MIN_JOBS = 5


def visible_to_all(path: str = "") -> Q:
    """Published, not past their date, of an approved employer: what workers may see.

    `path` reaches the job from another model (`"job__"` from a saved job).
    """
    return Q(
        **{
            f"{path}status": Job.Status.PUBLISHED,
            f"{path}expires_at__gt": timezone.now(),
            f"{path}employer__verification_status": EmployerProfile.VerificationStatus.APPROVED,
        }
    )


def jobs_visible_to_all() -> QuerySet[Job]:
    return Job.objects.filter(visible_to_all())


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


def category_median_wage(*, category: str) -> Decimal | None:
    """The median hourly wage of the category's visible jobs; None with too few to tell.

    As `category_wages_refresh` last stored it (hourly): one row by its key, where
    computing it read every job of the category inside the locked publish or edit.
    """
    return (
        CategoryWage.objects.filter(category=category, jobs__gte=MEDIAN_MIN_JOBS)
        .values_list("median", flat=True)
        .first()
    )


def jobs_of_employer(*, employer: EmployerProfile) -> QuerySet[Job]:
    return Job.objects.filter(employer=employer).select_related("employer").order_by("-created_at")


def jobs_for_moderation(*, status: str | None = None) -> QuerySet[Job]:
    jobs = Job.objects.select_related("employer").order_by("updated_at")
    return jobs.filter(status=status) if status else jobs


def saved_jobs_of(*, candidate: CandidateProfile) -> QuerySet[SavedJob]:
    """The saved jobs workers may still see: one that left search (held for review with
    new text, closed, its employer suspended) is left out, and back when it returns."""
    return (
        SavedJob.objects.filter(visible_to_all("job__"), candidate=candidate)
        .select_related("job", "job__employer")
        .order_by("-created_at")
    )
