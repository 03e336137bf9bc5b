"""Closing a job ends hiring: nobody who applied is left waiting for an answer."""

import pytest
from django.core import mail
from django.utils import timezone

from apps.applications.models import Application, ApplicationEvent
from apps.applications.services import CLOSED_NOTE
from apps.applications.tests.factories import ApplicationFactory
from apps.employers.tests.factories import ApprovedEmployerFactory
from apps.jobs.models import Job
from apps.jobs.tests.factories import JobFactory
from apps.notifications.models import Notification
from apps.safety.models import AuditEvent

pytestmark = pytest.mark.django_db

OPEN = ["submitted", "reviewing", "shortlisted", "interview", "offered"]
FINAL = ["hired", "rejected", "withdrawn", "declined"]


def close(client_for, job):
    return client_for(job.employer.user).post(f"/api/v1/jobs/{job.pk}/close/")


def statuses(job):
    return dict(Application.objects.filter(job=job).values_list("pk", "status"))


@pytest.mark.parametrize("status", OPEN)
def test_closing_rejects_an_open_application_and_tells_its_candidate(
    client_for, django_capture_on_commit_callbacks, status
):
    job = JobFactory(title="Orderpicker", positions=1)
    application = ApplicationFactory(job=job, status=status)

    with django_capture_on_commit_callbacks(execute=True):
        response = close(client_for, job)

    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    assert Application.objects.get(pk=application.pk).status == "rejected"
    event = ApplicationEvent.objects.get(application=application)
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        status,
        "rejected",
        job.employer.user,
        CLOSED_NOTE,
    )
    notification = Notification.objects.get(user=application.candidate.user)
    assert notification.title == "Orderpicker: rejected"
    assert notification.body.endswith(f"is now rejected. Note: {CLOSED_NOTE}")
    assert [message.to for message in mail.outbox] == [[application.candidate.user.email]]


@pytest.mark.parametrize("status", FINAL)
def test_closing_leaves_a_finished_application_alone(client_for, status):
    job = JobFactory(positions=2)
    application = ApplicationFactory(job=job, status=status)

    response = close(client_for, job)

    assert response.status_code == 200
    assert Application.objects.get(pk=application.pk).status == status
    assert not ApplicationEvent.objects.filter(application=application).exists()
    assert not Notification.objects.filter(user=application.candidate.user).exists()


def test_closing_twice_ends_the_applications_once(client_for):
    job = JobFactory()
    application = ApplicationFactory(job=job, status="reviewing")

    first = close(client_for, job)
    closed_at = Job.objects.get(pk=job.pk).closed_at
    second = close(client_for, job)

    assert (first.status_code, second.status_code) == (200, 200)
    assert Job.objects.get(pk=job.pk).closed_at == closed_at
    assert AuditEvent.objects.filter(action="job.closed", target_id=job.pk).count() == 1
    assert ApplicationEvent.objects.filter(application=application).count() == 1
    assert Notification.objects.filter(user=application.candidate.user).count() == 1


def test_deleting_a_published_job_ends_its_applications_as_closing_does(client_for):
    job = JobFactory()
    application = ApplicationFactory(job=job, status="shortlisted")

    response = client_for(job.employer.user).delete(f"/api/v1/jobs/{job.pk}/")

    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    assert Application.objects.get(pk=application.pk).status == "rejected"
    assert ApplicationEvent.objects.get(application=application).note == CLOSED_NOTE


def test_an_expired_job_can_be_closed_and_keeps_its_closing_date(client_for):
    expired_at = timezone.now() - timezone.timedelta(days=3)
    job = JobFactory(status="expired", expires_at=expired_at, closed_at=expired_at)
    application = ApplicationFactory(job=job, status="interview")

    response = close(client_for, job)

    assert response.status_code == 200
    job.refresh_from_db()
    assert (job.status, job.closed_at) == ("closed", expired_at)  # retention counts from it
    assert Application.objects.get(pk=application.pk).status == "rejected"


def test_a_filled_job_cannot_be_closed_and_nothing_changes(client_for):
    job = JobFactory(status="filled", positions=1)
    hired = ApplicationFactory(job=job, status="hired")
    before = statuses(job)

    response = close(client_for, job)

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "invalid_transition"
    assert Job.objects.get(pk=job.pk).status == "filled"
    assert statuses(job) == before
    assert not ApplicationEvent.objects.filter(application=hired).exists()


def test_another_employer_cannot_close_it_and_nothing_changes(client_for):
    job = JobFactory()
    application = ApplicationFactory(job=job, status="submitted")

    response = client_for(ApprovedEmployerFactory().user).post(f"/api/v1/jobs/{job.pk}/close/")

    assert response.status_code == 404
    assert Job.objects.get(pk=job.pk).status == "published"
    assert Application.objects.get(pk=application.pk).status == "submitted"
    assert not ApplicationEvent.objects.exists()
    assert not Notification.objects.exists()
