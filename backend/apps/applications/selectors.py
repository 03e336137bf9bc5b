"""Who may see which application, and the two sides' lists."""

import uuid

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound

from apps.applications.models import Application, ApplicationEvent
from apps.employers.models import EmployerProfile
from apps.users.models import User

_RELATED = ("job", "job__employer", "candidate", "candidate__user")


def application_get_for_user(*, user: User, application_id: uuid.UUID) -> Application:
    """The candidate's own, an approved employer's for its job, or any for a moderator; else 404."""
    application = Application.objects.select_related(*_RELATED).filter(pk=application_id).first()
    if application is None:
        raise NotFound()
    employer = application.job.employer
    if (
        user.is_moderator
        or application.candidate.user_id == user.pk
        or (employer.user_id == user.pk and employer.is_verified)
    ):
        return application
    raise NotFound()


def application_shows_candidate(*, viewer: User | None, application: Application) -> bool:
    """Whether the viewer sees who applied: always, until retention removed the
    application's personal content; then only the candidate and moderators (the
    employer keeps the row, for statistics, not the person)."""
    if application.personal_data_removed_at is None:
        return True
    return bool(
        viewer is not None
        and viewer.is_authenticated
        and (viewer.is_moderator or application.candidate.user_id == viewer.pk)
    )


def applications_for(
    *, user: User, job_id: uuid.UUID | None = None, status: str | None = None
) -> QuerySet[Application]:
    """A candidate's own applications, or those to an employer's jobs (filterable)."""
    applications = Application.objects.select_related(*_RELATED).order_by("-created_at")
    if user.is_candidate:
        applications = applications.filter(candidate__user=user)
    elif user.is_employer:
        # A suspended employer no longer reaches the people who applied.
        applications = applications.filter(
            job__employer__user=user,
            job__employer__verification_status=EmployerProfile.VerificationStatus.APPROVED,
        )
    else:
        return applications.none()
    if job_id:
        applications = applications.filter(job_id=job_id)
    if status:
        applications = applications.filter(status=status)
    return applications


def events_of(*, application: Application) -> QuerySet[ApplicationEvent]:
    return application.events.select_related("actor").order_by("created_at", "pk")


def candidate_applied_to_employer(*, candidate_id: uuid.UUID, employer_id: uuid.UUID) -> bool:
    """A live application: not withdrawn, and not yet scrubbed by retention."""
    return (
        Application.objects.filter(
            candidate_id=candidate_id,
            job__employer_id=employer_id,
            personal_data_removed_at__isnull=True,
        )
        .exclude(status=Application.Status.WITHDRAWN)
        .exists()
    )
