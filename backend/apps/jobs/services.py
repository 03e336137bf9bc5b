"""Business actions on jobs: drafting, the publish gate with its screening, moderation, closing."""

import uuid
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Max
from django.utils import timezone
from rest_framework.exceptions import PermissionDenied

from apps.candidates.models import CandidateProfile
from apps.core.exceptions import Conflict, field_error
from apps.core.geo import location_update
from apps.employers.models import EmployerProfile
from apps.jobs import search_cache, selectors
from apps.jobs.models import CategoryWage, Job, MinimumWage, SavedJob
from apps.jobs.screening import Posting, RiskFlag, Severity, has_high_risk, screen
from apps.jobs.wages import ADULT_AGE, minimum_for_job, minimum_hourly_wage, wage_day
from apps.safety.services import audit_event_record, moderator_not_involved
from apps.users.models import User

Status = Job.Status
PUBLICATION_PERIOD = timedelta(days=30)
EDITABLE = (Status.DRAFT, Status.PENDING_REVIEW, Status.PUBLISHED, Status.REJECTED)
# Statuses in which search shows a job; leaving or entering them changes search results.
VISIBLE = (Status.PUBLISHED,)


def _locked(job: Job) -> Job:
    return Job.objects.select_for_update().select_related("employer").get(pk=job.pk)


def _after_commit_refresh_search(job: Job, was_visible: bool) -> None:
    if was_visible or job.status in VISIBLE:
        transaction.on_commit(search_cache.invalidate, robust=True)


@transaction.atomic
def job_create(*, employer: EmployerProfile, actor: User, data: dict[str, Any]) -> Job:
    """A draft; drafts are private to their employer until published."""
    data = dict(data)
    job = Job(employer=employer, status=Status.DRAFT)
    location_update(job, changes=data)
    for name, value in data.items():
        setattr(job, name, value)
    job.full_clean(exclude=["employer", "search_vector"])
    job.save()
    return job


def _job_minimum(job: Job) -> Decimal:
    return minimum_hourly_wage(age=job.min_age, on=wage_day(job.starts_on))


def _check_minimum_wage(job: Job) -> None:
    """The wage is at least the WML for `min_age` on the start date (today, once under way)."""
    minimum = _job_minimum(job)
    if job.hourly_wage < minimum:
        age = f"{job.min_age}" if job.min_age < ADULT_AGE else f"{ADULT_AGE} and older"
        raise field_error(
            "hourly_wage",
            f"The statutory minimum wage for workers aged {age} on"
            f" {wage_day(job.starts_on):%d-%m-%Y} is €{minimum} an hour.",
            "below_minimum_wage",
        )


def _check_employer_verified(job: Job) -> None:
    if job.employer.verification_status != EmployerProfile.VerificationStatus.APPROVED:
        raise PermissionDenied(
            detail="Only employers the platform has verified can publish jobs.",
            code="employer_not_verified",
        )


def _screen(job: Job) -> list[RiskFlag]:
    return screen(
        Posting(
            title=job.title,
            description=job.description,
            category=job.category,
            hourly_wage=job.hourly_wage,
            address=job.address,
            postal_code=job.postal_code,
            city=job.city,
            has_location=job.location is not None,
            minimum_hourly_wage=_job_minimum(job),
            category_median_wage=selectors.category_median_wage(category=job.category),
        )
    )


def _publication_end(job: Job, published_at: datetime) -> datetime:
    """A publication lasts PUBLICATION_PERIOD, and no longer than the job's last day.

    Search hides a job once its `expires_at` passes (and the task expires it): a job
    whose work is over is no work to find.
    """
    end = published_at + PUBLICATION_PERIOD
    if job.ends_on is None:
        return end
    tz = timezone.get_current_timezone()
    last_day = datetime.combine(job.ends_on + timedelta(days=1), time.min, tzinfo=tz)
    return min(end, last_day)


def _check_not_ended(job: Job) -> None:
    if job.ends_on is not None and job.ends_on < timezone.localdate():
        raise field_error(
            "ends_on",
            f"This job ended on {job.ends_on:%d-%m-%Y}; a job that is over cannot be"
            " published or stay in search.",
            "job_ended",
        )


def _publish_or_hold(job: Job, *, actor: User, hold: bool = False) -> None:
    """Screen the posting: high-risk flags (or `hold`) send it to moderators, else it goes live.

    Audited as `job.published` or `job.held_for_review` when the status changes
    (publishing, or an edit that sends a published job to review), else as
    `job.edited` with the new screening: one publish event a publication.
    """
    before = job.status
    flags = _screen(job)
    job.risk_flags = [flag.as_dict() for flag in flags]
    if hold or has_high_risk(flags) or job.status == Status.PENDING_REVIEW:
        # A held job stays held until a moderator decides, whatever the edit.
        job.status = Status.PENDING_REVIEW
        action = "job.held_for_review"
        if job.published_at and job.expires_at:
            # Its publication still runs out while it waits (expiry closes it then), at
            # its last day as edited: a later one must not close it at the old.
            job.expires_at = _publication_end(job, job.published_at)
    else:
        now = timezone.now()
        if job.status != Status.PUBLISHED:
            job.published_at = now
        # A new publication, or an edit of the last day (up to its first 30 days).
        job.expires_at = _publication_end(job, job.published_at or now)
        job.status = Status.PUBLISHED
        action = "job.published"
    audit_event_record(
        actor=actor,
        action=action if job.status != before else "job.edited",
        target_type="job",
        target_id=job.pk,
        before={"status": before},
        after={"status": job.status, "risk_flags": [flag["code"] for flag in job.risk_flags]},
    )


@transaction.atomic
def job_update(*, job: Job, actor: User, changes: dict[str, Any]) -> Job:
    """Edit a job. A published job is screened again and checked against the minimum wage."""
    job = _locked(job)
    if job.status not in EDITABLE:
        raise Conflict(code="invalid_transition", detail=f"A {job.status} job cannot be edited.")
    was_visible = job.status in VISIBLE
    changes = dict(changes)
    location_update(job, changes=changes)
    for name, value in changes.items():
        setattr(job, name, value)
    job.full_clean(exclude=["employer", "search_vector"])
    # Applications build on jobs: what an edit means for them lives there.
    from apps.applications.services import hired_count, job_fill_if_complete, open_offers_check

    if "starts_on" in changes:
        open_offers_check(job)
    if "positions" in changes and job.positions < (hired := hired_count(job)):
        raise field_error(
            "positions",
            f"{hired} people are already hired for this job; it cannot have fewer positions.",
            "below_hired",
        )
    if job.status in (Status.PUBLISHED, Status.PENDING_REVIEW):
        # What workers see, or what a moderator is about to let them see, is judged again.
        _check_minimum_wage(job)
        _check_not_ended(job)
        _publish_or_hold(job, actor=actor)
    job.save()
    if "positions" in changes and job.status == Status.PUBLISHED:
        # As few positions as hires: the job is filled, as by the last hire.
        job_fill_if_complete(job)
        job.refresh_from_db()
    _after_commit_refresh_search(job, was_visible)
    return job


@transaction.atomic
def job_publish(*, job: Job, actor: User) -> Job:
    """The publish gate: a verified employer, a lawful wage, and a clean screening.

    Publishing a published job, or one waiting for review, changes nothing.
    """
    job = _locked(job)
    _check_employer_verified(job)
    if job.status in (Status.PUBLISHED, Status.PENDING_REVIEW):
        return job
    if job.status not in (Status.DRAFT, Status.REJECTED):
        raise Conflict(code="invalid_transition", detail=f"A {job.status} job cannot be published.")
    _check_minimum_wage(job)
    _check_not_ended(job)
    rejected = job.status == Status.REJECTED
    # A job a moderator took down goes back to them, however it screens now: an
    # employer could otherwise edit out what a rule saw and skip the decision.
    _publish_or_hold(job, actor=actor, hold=rejected)
    job.closed_at = None  # open again (retention counted from the rejection)
    if rejected:
        # Its last publication ended with the rejection; approval starts a new one. Kept,
        # its old date would have the expiry task close the job before a moderator saw it.
        job.expires_at = None
    job.save()
    _after_commit_refresh_search(job, was_visible=False)
    return job


@transaction.atomic
def job_close(*, job: Job, actor: User) -> Job:
    """Hiring is over: the job leaves search and its open applications are rejected."""
    from apps.applications.services import CLOSED_NOTE

    job = _locked(job)
    if job.status == Status.CLOSED:
        return job
    if job.status == Status.FILLED:
        raise Conflict(code="invalid_transition", detail="A filled job cannot be closed.")
    was_visible = job.status in VISIBLE
    _close(job, actor=actor, note=CLOSED_NOTE)
    _after_commit_refresh_search(job, was_visible)
    return job


def _close(job: Job, *, actor: User | None, note: str, reason: str = "") -> None:
    """The locked job closed: its open applications end with `note`, the closing audited.

    A job that ended before (expired, taken down) keeps that date: retention counts from it.
    """
    from apps.applications.services import applications_end_open

    applications_end_open(job=job, actor=actor, note=note)
    before = job.status
    job.status = Status.CLOSED
    job.closed_at = job.closed_at or timezone.now()
    job.save(update_fields=["status", "closed_at", "updated_at"])
    audit_event_record(
        actor=actor,
        action="job.closed",
        target_type="job",
        target_id=job.pk,
        before={"status": before},
        after={"status": job.status},
        reason=reason,
    )


@transaction.atomic
def job_delete(*, job: Job, actor: User) -> Job | None:
    """Drafts are deleted; a job anyone may have seen is closed instead, so its history stays."""
    job = _locked(job)
    if job.status == Status.DRAFT:
        job.delete()
        return None
    return job_close(job=job, actor=actor)


@transaction.atomic
def job_approve(*, job: Job, moderator: User, reason: str = "") -> Job:
    """A moderator clears a held posting: it goes live as it is, flags kept for the record."""
    job = _locked(job)
    moderator_not_involved(moderator=moderator, owner_id=job.employer.user_id)
    if job.status != Status.PENDING_REVIEW:
        raise Conflict(
            code="invalid_transition", detail=f"A {job.status} job is not waiting for review."
        )
    _check_employer_verified(job)  # suspended while the job waited
    _check_minimum_wage(job)
    _check_not_ended(job)
    now = timezone.now()
    job.status = Status.PUBLISHED
    job.published_at = now
    job.expires_at = _publication_end(job, now)
    job.rejection_reason = ""  # of an earlier rejection, kept for the review until now
    job.save(
        update_fields=["status", "published_at", "expires_at", "rejection_reason", "updated_at"]
    )
    from apps.applications.services import job_fill_if_complete

    job_fill_if_complete(job)  # its positions lowered to the hires while it was held
    job.refresh_from_db()
    audit_event_record(
        actor=moderator,
        action="job.approved",
        target_type="job",
        target_id=job.pk,
        before={"status": Status.PENDING_REVIEW},
        after={"status": job.status},
        reason=reason,
    )
    _after_commit_refresh_search(job, was_visible=False)
    return job


@transaction.atomic
def job_reject(*, job: Job, moderator: User, reason: str) -> Job:
    reason = (reason or "").strip()
    if not reason:
        raise field_error("reason", "Say why; the employer is told.", "required")
    job = _locked(job)
    moderator_not_involved(moderator=moderator, owner_id=job.employer.user_id)
    if job.status != Status.PENDING_REVIEW:
        raise Conflict(
            code="invalid_transition", detail=f"A {job.status} job is not waiting for review."
        )
    from apps.applications.services import REJECTED_JOB_NOTE, applications_end_open

    # What applicants the job had (while it was published) hear an answer.
    applications_end_open(job=job, actor=moderator, note=REJECTED_JOB_NOTE)
    job.status = Status.REJECTED
    job.rejection_reason = reason
    job.closed_at = timezone.now()
    job.save(update_fields=["status", "rejection_reason", "closed_at", "updated_at"])
    audit_event_record(
        actor=moderator,
        action="job.rejected",
        target_type="job",
        target_id=job.pk,
        before={"status": Status.PENDING_REVIEW},
        after={"status": job.status},
        reason=reason,
    )
    return job


def jobs_expire() -> int:
    """Published jobs past their date become expired (search already hides them).

    A job held for review after it was published keeps its date too, but no
    moderator cleared it, so it must not reach hiring by waiting: past its date
    it is closed, its open applications ended, as if its employer had closed it.
    """
    from apps.applications.services import EXPIRED_HELD_NOTE

    now = timezone.now()
    expired = Job.objects.filter(status=Status.PUBLISHED, expires_at__lte=now).update(
        status=Status.EXPIRED, closed_at=F("expires_at"), updated_at=now
    )
    held = list(
        Job.objects.filter(status=Status.PENDING_REVIEW, expires_at__lte=now).values_list(
            "pk", flat=True
        )
    )
    closed = 0
    for pk in held:
        with transaction.atomic():
            job = _locked(Job(pk=pk))
            if job.status != Status.PENDING_REVIEW:
                continue  # decided on meanwhile
            closed += 1
            job.closed_at = job.expires_at  # it closes when its publication ended
            _close(
                job,
                actor=None,
                note=EXPIRED_HELD_NOTE,
                reason="Its publication ended while it waited for review.",
            )
    if expired:
        search_cache.invalidate()
    return expired + closed


def jobs_hold_below_minimum_wage() -> int:
    """Published jobs that a new minimum-wage rate leaves below the law go to moderators.

    The WML table grows each January and July (a migration). A job published
    before at the old rate, starting after the new one takes effect or still
    looking for people once it does, would otherwise stay in search paying less
    than the law allows (`wage_day`). Each such job is held (`pending_review`, a
    high `below_minimum_wage` flag), audited, leaves search, and its employer is
    told to raise the wage; a moderator's approval checks the minimum again.
    Beat runs this daily.
    """
    from apps.notifications import texts
    from apps.notifications.services import notification_create

    highest = MinimumWage.objects.aggregate(highest=Max("hourly_amount"))["highest"] or 0
    below = list(
        # Only wages under the highest rate can be under theirs: the wage index finds those.
        Job.objects.filter(status=Status.PUBLISHED, hourly_wage__lt=highest)
        .annotate(minimum=minimum_for_job())
        .filter(hourly_wage__lt=F("minimum"))
        .order_by()
        .values_list("pk", flat=True)
    )
    held = 0
    for pk in below:
        with transaction.atomic():
            job = Job.objects.select_for_update().select_related("employer__user").get(pk=pk)
            minimum = _job_minimum(job)
            if job.status != Status.PUBLISHED or job.hourly_wage >= minimum:
                continue  # edited or closed since the query
            detail = (
                f"The statutory minimum wage for this job's workers on"
                f" {wage_day(job.starts_on):%d-%m-%Y} is now €{minimum} an hour."
            )
            flag = RiskFlag(
                code="below_minimum_wage",
                severity=Severity.HIGH,
                matched=f"€{job.hourly_wage}",
                detail=detail,
            )
            job.risk_flags = [*job.risk_flags, flag.as_dict()]
            job.status = Status.PENDING_REVIEW
            job.save(update_fields=["status", "risk_flags", "updated_at"])
            audit_event_record(
                actor=None,
                action="job.held_for_review",
                target_type="job",
                target_id=job.pk,
                before={"status": Status.PUBLISHED},
                after={"status": job.status, "risk_flags": ["below_minimum_wage"]},
                reason=detail,
            )
            told = texts.text(
                "job.held_for_review",
                texts.language_of(job.employer.user),
                job=job.title,
                starts_on=f"{wage_day(job.starts_on):%d-%m-%Y}",
                minimum=minimum,
            )
            notification_create(
                user=job.employer.user,
                kind="job.held_for_review",
                title=told.title,
                body=told.body,
                data={"job": str(job.pk)},
            )
            transaction.on_commit(search_cache.invalidate, robust=True)
        held += 1
    return held


def title_words_refresh() -> tuple[int, int]:
    """The typo vocabulary made the words of the published jobs' titles: (added, removed).

    The triggers add the words of every job published; this removes the words of
    jobs gone from search (and adds any a trigger missed).
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT added, removed FROM jobs_titleword_refresh()")
        added, removed = cursor.fetchone()
    return int(added), int(removed)


@transaction.atomic
def category_wages_refresh() -> int:
    """Each category's median hourly wage over the jobs workers see, stored: the categories.

    Celery beat runs this hourly (screening reads the stored medians: computing one
    reads every visible job of its category). A category without visible jobs is
    dropped.
    """
    visible, params = (
        selectors.jobs_visible_to_all().values("category", "hourly_wage").query.sql_with_params()
    )
    statement = (
        f"SELECT v.category, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY v.hourly_wage)"  # noqa: S608  # nosec B608
        f" FROM ({visible}) v GROUP BY v.category"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    now = timezone.now()
    wages = [
        CategoryWage(
            category=category,
            jobs=count,
            median=Decimal(str(median)).quantize(Decimal("0.01")),
            computed_at=now,
        )
        for category, count, median in rows
    ]
    CategoryWage.objects.exclude(category__in=[wage.category for wage in wages]).delete()
    CategoryWage.objects.bulk_create(
        wages,
        update_conflicts=True,
        unique_fields=["category"],
        update_fields=["jobs", "median", "computed_at"],
    )
    return len(wages)


def job_save(*, candidate: CandidateProfile, job: Job) -> SavedJob:
    saved, _ = SavedJob.objects.get_or_create(candidate=candidate, job=job)
    return saved


def job_unsave(*, candidate: CandidateProfile, job_id: uuid.UUID) -> None:
    SavedJob.objects.filter(candidate=candidate, job_id=job_id).delete()
