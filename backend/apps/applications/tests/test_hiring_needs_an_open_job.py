"""Offers and hires are commitments: only on a job workers may take, of a verified employer."""

import pytest

from apps.applications.models import Application, ApplicationEvent
from apps.applications.tests.factories import ApplicationFactory
from apps.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def move(client_for, application, user, status):
    return client_for(user).post(
        f"/api/v1/applications/{application.pk}/transition/", {"status": status}, format="json"
    )


@pytest.mark.parametrize("job_status", ["pending_review", "rejected", "closed"])
@pytest.mark.parametrize(
    ("from_status", "to_status", "side"),
    [
        ("shortlisted", "offered", "employer"),
        ("offered", "hired", "candidate"),
    ],
)
def test_no_offer_or_hire_on_a_job_that_is_not_open(
    client_for, job_status, from_status, to_status, side
):
    application = ApplicationFactory(job=JobFactory(status=job_status), status=from_status)
    user = application.job.employer.user if side == "employer" else application.candidate.user

    response = move(client_for, application, user, to_status)

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "job_not_open"
    assert Application.objects.get(pk=application.pk).status == from_status
    assert not ApplicationEvent.objects.exists()


def test_a_suspended_employers_offer_can_no_longer_be_accepted(client_for):
    application = ApplicationFactory(status="offered")
    employer = application.job.employer
    employer.verification_status = "suspended"
    employer.save(update_fields=["verification_status"])

    response = move(client_for, application, application.candidate.user, "hired")
    declined = move(client_for, application, application.candidate.user, "declined")

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "job_not_open"
    assert declined.status_code == 200
    assert Application.objects.get(pk=application.pk).status == "declined"


def test_hiring_goes_on_after_the_job_expired(client_for):
    application = ApplicationFactory(job=JobFactory(status="expired"), status="offered")

    response = move(client_for, application, application.candidate.user, "hired")

    assert response.status_code == 200
    assert Application.objects.get(pk=application.pk).status == "hired"
