"""Celery tasks of the employers app: they send what the services decided, nothing more."""

from celery import shared_task

from apps.users.tasks import RETRY_POLICY


@shared_task(**RETRY_POLICY)
def send_verification_decision_email(
    *, employer_id: str, status: str | None = None, reason: str | None = None
) -> None:
    """The decision as it was taken (status and reason), not as the profile reads when
    the task runs: a quick second decision or edit must not change or drop the first
    one's email. Without them (messages queued before), the profile's current ones."""
    from apps.employers import emails
    from apps.employers.models import EmployerProfile

    employer = EmployerProfile.objects.select_related("user").filter(pk=employer_id).first()
    if employer is None:
        return
    emails.send_verification_decision(employer=employer, status=status, reason=reason)
