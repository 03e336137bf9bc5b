"""Applying, the status workflow with its history, fair offers, filling a job, and retention."""

import uuid
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from rest_framework.exceptions import NotFound, PermissionDenied

from apps.applications.models import Application, ApplicationEvent
from apps.candidates.models import CandidateProfile
from apps.core.exceptions import Conflict, field_error
from apps.core.validators import age_on
from apps.jobs import search_cache
from apps.jobs.models import Job
from apps.jobs.selectors import jobs_visible_to_all
from apps.jobs.wages import ADULT_AGE, minimum_hourly_wage, wage_day
from apps.notifications import texts
from apps.notifications.models import Notification
from apps.notifications.services import notification_create
from apps.users.models import User

Status = Application.Status
EMPLOYER, CANDIDATE = "employer", "candidate"

# The contract's table: from a status, the moves each side may make.
TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    Status.SUBMITTED: {
        EMPLOYER: frozenset({Status.REVIEWING, Status.REJECTED}),
        CANDIDATE: frozenset({Status.WITHDRAWN}),
    },
    Status.REVIEWING: {
        EMPLOYER: frozenset({Status.SHORTLISTED, Status.REJECTED}),
        CANDIDATE: frozenset({Status.WITHDRAWN}),
    },
    Status.SHORTLISTED: {
        EMPLOYER: frozenset({Status.INTERVIEW, Status.OFFERED, Status.REJECTED}),
        CANDIDATE: frozenset({Status.WITHDRAWN}),
    },
    Status.INTERVIEW: {
        EMPLOYER: frozenset({Status.OFFERED, Status.REJECTED}),
        CANDIDATE: frozenset({Status.WITHDRAWN}),
    },
    Status.OFFERED: {
        EMPLOYER: frozenset({Status.REJECTED}),
        CANDIDATE: frozenset({Status.HIRED, Status.DECLINED}),
    },
}
FINAL = frozenset({Status.HIRED, Status.REJECTED, Status.WITHDRAWN, Status.DECLINED})
OPEN = frozenset(set(Status.values) - FINAL)
FILLED_NOTE = "All positions of this job have been filled."
CLOSED_NOTE = "The employer closed this job."
REJECTED_JOB_NOTE = "The platform's moderators took this job down."
ABANDONED_NOTE = "Hiring for this job has ended without a decision on this application."
EXPIRED_HELD_NOTE = "This job's publication ended while it waited for the platform's review."
# Offers and hires need a job workers may take: live, or past its date (hiring goes on).
HIRING = (Job.Status.PUBLISHED, Job.Status.EXPIRED)
RETENTION_AFTER_CLOSE = timedelta(weeks=4)
RETENTION_WITH_CONSENT = timedelta(days=365)
UNSUCCESSFUL = (Status.REJECTED, Status.WITHDRAWN, Status.DECLINED)


def side_of(*, user: User, application: Application) -> str | None:
    if application.candidate.user_id == user.pk:
        return CANDIDATE
    if application.job.employer.user_id == user.pk:
        return EMPLOYER
    return None


def _record(
    *, application: Application, from_status: str, actor: User | None, note: str = ""
) -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=application,
        from_status=from_status,
        to_status=application.status,
        actor=actor,
        note=note,
    )


def _tell_candidate(application: Application, note: str = "") -> None:
    job, user = application.job, application.candidate.user
    language = texts.language_of(user)
    offered = application.status == Status.OFFERED and application.offered_hourly_wage is not None
    told = texts.text(
        "application.status_changed",
        language,
        job=job.title,
        company=job.employer.company_name,
        status=texts.status(application.status, language),
        offer=application.offered_hourly_wage if offered else None,
        note=note,
    )
    notification_create(
        user=user,
        kind="application.status_changed",
        title=told.title,
        body=told.body,
        data={"application": str(application.pk), "job": str(job.pk), "status": application.status},
    )


def _tell_employer(
    application: Application,
    *,
    message: str,
    note: str = "",
    raised: texts.RaisedToMinimum | None = None,
) -> None:
    """`message`: what the candidate did (texts.MESSAGES), told in the employer's language."""
    user = application.job.employer.user
    language = texts.language_of(user)
    candidate, submitted = application.candidate, message == "application.submitted"
    # The full name with a new application, as its list shows it; the first name after.
    name = f"{candidate.first_name} {candidate.last_name}" if submitted else candidate.first_name
    told = texts.text(
        message,
        language,
        job=application.job.title,
        name=name.strip() or texts.ANYONE[language],
        status=texts.status(application.status, language),
        note=f"{raised.note(language)} {note}".strip() if raised else note,
    )
    notification_create(
        user=user,
        kind="application.submitted" if submitted else "application.status_changed",
        title=told.title,
        body=told.body,
        data={
            "application": str(application.pk),
            "job": str(application.job_id),
            "status": application.status,
        },
    )


@transaction.atomic
def application_submit(
    *,
    candidate: CandidateProfile,
    job_id: uuid.UUID,
    cover_letter: str = "",
    keep_data_consent: bool = False,
) -> Application:
    """One tap: an application to an open job; one per candidate and job, whatever happened before."""
    job = (
        jobs_visible_to_all()
        .select_for_update(of=("self",))
        .select_related("employer", "employer__user")
        .filter(pk=job_id)
        .first()
    )
    if job is None:
        # A job that was never public stays as unknown as one that does not exist.
        if not Job.objects.filter(pk=job_id, published_at__isnull=False).exists():
            raise NotFound("No such job.")
        raise Conflict(code="job_not_open", detail="This job is not open for applications.")
    application = Application(
        candidate=candidate, job=job, cover_letter=cover_letter, keep_data_consent=keep_data_consent
    )
    application.full_clean(exclude=["candidate", "job"], validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:
        raise Conflict(code="already_applied", detail="You already applied to this job.") from exc
    _record(application=application, from_status="", actor=candidate.user)
    _tell_employer(application, message="application.submitted")
    return application


def _fair_minimum(application: Application) -> tuple[Decimal, int, date]:
    """The statutory minimum for the candidate's age on the day paid work starts, the age, the day."""
    born = application.candidate.date_of_birth
    # The work is paid from the start date, or from today for a job already under way.
    day = wage_day(application.job.starts_on)
    # Without a birth date we cannot know the age: the adult minimum protects the worker.
    age = age_on(born, day) if born else ADULT_AGE
    return minimum_hourly_wage(age=age, on=day), age, day


def _check_fair_offer(
    application: Application, wage: Decimal, *, field: str = "hourly_wage", why: str = ""
) -> None:
    """Nobody may be offered less than the statutory minimum for their age on the start date."""
    minimum, age, day = _fair_minimum(application)
    if wage < minimum:
        raise field_error(
            field,
            f"{why}The statutory minimum wage for this candidate (aged {age} on "
            f"{day:%d-%m-%Y}) is €{minimum} an hour.",
            "below_minimum_wage",
        )


def open_offers_check(job: Job) -> None:
    """Open offers stay lawful after an edit of the job (a later start date can make a
    candidate older, with a higher minimum): else a 400 on `starts_on`."""
    offers = Application.objects.filter(job=job, status=Status.OFFERED).select_related("candidate")
    for application in offers:
        application.job = job  # as edited, not yet saved
        wage = application.offered_hourly_wage or job.hourly_wage
        why = f"An open offer of €{wage} would be too low from this start date. "
        _check_fair_offer(application, wage, field="starts_on", why=why)


@transaction.atomic
def application_transition(
    *,
    application: Application,
    actor: User,
    to_status: str,
    note: str = "",
    hourly_wage: Decimal | None = None,
) -> Application:
    """One move of the contract's table, for its side only, under row locks.

    Locks are taken job first, then application, in every path (filling a job
    locks more applications of the same job), so racing moves cannot deadlock.
    """
    Job.objects.select_for_update().filter(pk=application.job_id).first()
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related(
            "job", "job__employer", "job__employer__user", "candidate", "candidate__user"
        )
        .get(pk=application.pk)
    )
    side = side_of(user=actor, application=application)
    if side == EMPLOYER and not application.job.employer.is_verified:
        raise PermissionDenied(
            detail="Only employers the platform has verified can act on applications.",
            code="employer_not_verified",
        )
    allowed = TRANSITIONS.get(application.status, {}).get(side or "", frozenset())
    if to_status not in allowed:
        raise Conflict(
            code="invalid_transition",
            detail=f"An application that is {application.status} cannot become {to_status} by its {side or 'viewer'}.",
        )
    if hourly_wage is not None and to_status != Status.OFFERED:
        raise field_error("hourly_wage", "A wage goes with an offer only.", "invalid")
    if to_status == Status.HIRED and hired_count(application.job) >= application.job.positions:
        # The job is locked above: no other hire or edit of its positions runs meanwhile.
        raise Conflict(
            code="positions_filled",
            detail="Every position of this job is already taken.",
        )
    if to_status in (Status.OFFERED, Status.HIRED) and (
        application.job.status not in HIRING or not application.job.employer.is_verified
    ):
        # Held for review, taken down, closed, or its employer suspended: no new commitments.
        raise Conflict(
            code="job_not_open",
            detail="This job is not open for offers or hiring now.",
        )
    if to_status == Status.OFFERED:
        wage = hourly_wage if hourly_wage is not None else application.job.hourly_wage
        _check_fair_offer(application, wage)
        application.offered_hourly_wage = wage
    raised = _offer_up_to_minimum(application) if to_status == Status.HIRED else None
    from_status = application.status
    application.status = to_status
    application.save(update_fields=["status", "offered_hourly_wage", "updated_at"])
    # The history says why in its one language; each side's notification in its own.
    why = raised.note("en") if raised else ""
    _record(
        application=application,
        from_status=from_status,
        actor=actor,
        note=f"{why} {note}".strip(),  # first: a notification keeps the first 2,000 characters
    )

    if side == EMPLOYER:
        _tell_candidate(application, note)
    elif application.job.employer.is_verified:
        # An employer no longer approved (suspended, say) has lost sight of its
        # applicants: their moves and notes do not reach it, in the app or by email.
        _tell_employer(application, message=f"application.{to_status}", note=note, raised=raised)
    if to_status == Status.HIRED:
        application.job = job_fill_if_complete(application.job)  # as it is now: filled, maybe
    return application


def _offer_up_to_minimum(application: Application) -> texts.RaisedToMinimum | None:
    """An offer the minimum has since risen above is taken at the minimum, as the law pays.

    It was fair when made, but the minimum grows each January and July, and a
    worker turns a year older: accepted later, it can be below it. The law voids
    a wage below the minimum and pays the minimum instead; the hire records that,
    and the note (which both sides see) says why.
    """
    offered = application.offered_hourly_wage
    minimum, age, day = _fair_minimum(application)
    if offered is None or offered >= minimum:
        return None
    application.offered_hourly_wage = minimum
    return texts.RaisedToMinimum(offered=offered, minimum=minimum, age=age, day=day)


def hired_count(job: Job) -> int:
    return Application.objects.filter(job=job, status=Status.HIRED).count()


def job_fill_if_complete(job: Job) -> Job:
    """The last position taken: the job is filled, leaves search, and the others hear it went.

    Returns the job as it now is (locked, with its employer).
    """
    job = (
        Job.objects.select_for_update().select_related("employer", "employer__user").get(pk=job.pk)
    )
    if hired_count(job) < job.positions or job.status == Job.Status.FILLED:
        return job
    job.status = Job.Status.FILLED
    # An expired job keeps its closing date, as closing it does: retention counts from it.
    job.closed_at = job.closed_at or timezone.now()
    job.save(update_fields=["status", "closed_at", "updated_at"])
    applications_end_open(job=job, actor=None, note=FILLED_NOTE)
    told = texts.text(
        "job.filled", texts.language_of(job.employer.user), job=job.title, positions=job.positions
    )
    notification_create(
        user=job.employer.user,
        kind="job.filled",
        title=told.title,
        body=told.body,
        data={"job": str(job.pk)},
    )
    transaction.on_commit(search_cache.invalidate, robust=True)
    return job


def applications_end_open(*, job: Job, actor: User | None, note: str) -> int:
    """Hiring for the job is over: each application still open is rejected, with the
    reason in its history, and its candidate is told rather than left waiting.

    The caller holds the job's row lock (job first, then applications).
    """
    still_open = (
        Application.objects.select_for_update(of=("self",))
        .filter(job=job, status__in=OPEN)
        .select_related("candidate", "candidate__user", "job", "job__employer")
    )
    return _reject_all(still_open, actor=actor, note=note)


def _reject_all(applications: Iterable[Application], *, actor: User | None, note: str) -> int:
    """Each of the (locked) applications rejected, the move recorded, its candidate told."""
    ended = 0
    for application in applications:
        from_status = application.status
        application.status = Status.REJECTED
        application.save(update_fields=["status", "updated_at"])
        _record(application=application, from_status=from_status, actor=actor, note=note)
        _tell_candidate(application, note)
        ended += 1
    return ended


def application_consent_set(
    *, application: Application, actor: User, keep_data_consent: bool
) -> Application:
    """The candidate gives or withdraws consent to keep their letter and notes up to a year.

    Withdrawn as easily as it was given (GDPR): when the four weeks after the job
    closed have passed, the content goes at once, in the same transaction. Given
    after the content went: 409 `personal_data_removed` (nothing is left to keep).
    """
    if application.candidate.user_id != actor.pk:
        raise PermissionDenied("Only the candidate decides what is kept of their application.")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if keep_data_consent and locked.personal_data_removed_at is not None:
            raise Conflict(
                code="personal_data_removed",
                detail="This application's letter and notes are already removed: nothing is"
                " left to keep.",
            )
        locked.keep_data_consent = keep_data_consent
        locked.save(update_fields=["keep_data_consent", "updated_at"])
        if not keep_data_consent:
            applications_scrub_personal_data(only=application.pk)
    application.refresh_from_db()
    return application


def applications_scrub_personal_data(only: uuid.UUID | None = None) -> int:
    """Retention: four weeks after a job closed, an unsuccessful applicant's letter and notes go.

    Unsuccessful: rejected, withdrawn or declined, or anything but hired on a job its
    employer closed or that filled (hiring there is over). On a job that merely
    expired hiring may go on, so an application still in progress keeps its content
    until it ends, or for a year at most. The notes also leave the notifications
    they were copied into: those tied to the application lose their body (their
    title names no person). With the candidate's consent the content stays up to a
    year. The row and its status history stay, without personal content, for
    statistics. `only`: judge that one application alone (its consent withdrawn).
    """
    now = timezone.now()
    finished = Q(status__in=UNSUCCESSFUL) | (
        Q(job__status__in=(Job.Status.CLOSED, Job.Status.FILLED)) & ~Q(status=Status.HIRED)
    )
    a_year_ago = now - RETENTION_WITH_CONSENT
    due = Application.objects.filter(
        personal_data_removed_at__isnull=True, job__closed_at__isnull=False
    ).filter(
        (
            finished
            & (
                Q(keep_data_consent=False, job__closed_at__lte=now - RETENTION_AFTER_CLOSE)
                | Q(keep_data_consent=True, job__closed_at__lte=a_year_ago)
            )
        )
        | (~Q(status=Status.HIRED) & Q(job__closed_at__lte=a_year_ago))
    )
    if only is not None:
        due = due.filter(pk=only)
    with transaction.atomic():
        # Locked and judged again, so that a move made meanwhile is not lost to the scrub.
        ids = list(due.select_for_update(of=("self",)).values_list("pk", flat=True))
        if not ids:
            return 0
        ApplicationEvent.objects.filter(application_id__in=ids).exclude(note="").update(note="")
        Notification.objects.filter(data__application__in=[str(pk) for pk in ids]).exclude(
            body=""
        ).update(body="", updated_at=now)
        Application.objects.filter(pk__in=ids).update(
            cover_letter="", personal_data_removed_at=now, updated_at=now
        )
        # Still open when its content goes (a year after the job expired, or an
        # application left open on a closed job): ended, so that it cannot be moved on
        # (hired, say) without the data it was judged on.
        abandoned = Application.objects.filter(pk__in=ids, status__in=OPEN).select_related(
            "candidate__user", "job__employer"
        )
        _reject_all(abandoned, actor=None, note=ABANDONED_NOTE)
    return len(ids)
