"""Who may see which application, and the two sides' lists."""

import uuid

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound

from apps.applications.models import Application, ApplicationEvent
from apps.users.models import User

_RELATED = ("job", "job__employer", "candidate", "candidate__user")


def application_get_for_user(*, user: User, application_id: uuid.UUID) -> Application:
    """The candidate's own, the job's employer's, or any for a moderator; else the same 404."""
    application = Application.objects.select_related(*_RELATED).filter(pk=application_id).first()
    if application is None:
        raise NotFound()
    if (
        user.is_moderator
        or application.candidate.user_id == user.pk
        or application.job.employer.user_id == user.pk
    ):
        return application
    raise NotFound()


def applications_for(
    *, user: User, job_id: uuid.UUID | None = None, status: str | None = None
) -> QuerySet[Application]:
    """A candidate's own applications, or those to an employer's jobs (filterable)."""
    applications = Application.objects.select_related(*_RELATED).order_by("-created_at")
    if user.is_candidate:
        applications = applications.filter(candidate__user=user)
    elif user.is_employer:
        applications = applications.filter(job__employer__user=user)
    else:
        return applications.none()
    if job_id:
        applications = applications.filter(job_id=job_id)
    if status:
        applications = applications.filter(status=status)
    return applications


def events_of(*, application: Application) -> QuerySet[ApplicationEvent]:
    return application.events.select_related("actor").order_by("created_at")


def candidate_applied_to_employer(*, candidate_id: uuid.UUID, employer_id: uuid.UUID) -> bool:
    return Application.objects.filter(
        candidate_id=candidate_id, job__employer_id=employer_id
    ).exists()
