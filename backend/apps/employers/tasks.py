"""Celery tasks of the employers app: they send what the services decided, nothing more."""

from celery import shared_task

from apps.users.tasks import RETRY_POLICY


@shared_task(**RETRY_POLICY)
def send_verification_decision_email(*, employer_id: str) -> None:
    from apps.employers import emails
    from apps.employers.models import EmployerProfile

    employer = EmployerProfile.objects.select_related("user").filter(pk=employer_id).first()
    if employer is None:
        return
    emails.send_verification_decision(employer=employer)
