from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core import mail

from apps.applications import services
from apps.applications.models import Application, ApplicationEvent
from apps.applications.services import FILLED_NOTE
from apps.applications.tests.factories import ApplicationFactory
from apps.core.exceptions import Conflict
from apps.jobs.models import Job
from apps.jobs.tests.factories import JobFactory
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db


def hire(client_for, application):
    return client_for(application.candidate.user).post(
        f"/api/v1/applications/{application.pk}/transition/", {"status": "hired"}, format="json"
    )


def test_filling_the_last_position_fills_the_job_and_closes_the_rest(
    client_for, api_client, django_capture_on_commit_callbacks
):
    job = JobFactory(positions=2)
    first = ApplicationFactory(job=job, status="offered")
    second = ApplicationFactory(job=job, status="offered")
    waiting = ApplicationFactory(job=job, status="reviewing")
    withdrawn = ApplicationFactory(job=job, status="withdrawn")
    assert api_client.get("/api/v1/jobs/").json()["count"] == 1

    hire(client_for, first)
    assert Job.objects.get(pk=job.pk).status == "published"
    with django_capture_on_commit_callbacks(execute=True):
        response = hire(client_for, second)

    assert response.status_code == 200
    job.refresh_from_db()
    assert job.status == "filled"
    assert job.closed_at is not None
    assert Application.objects.get(pk=waiting.pk).status == "rejected"
    assert Application.objects.get(pk=withdrawn.pk).status == "withdrawn"
    event = ApplicationEvent.objects.get(application=waiting)
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        "reviewing",
        "rejected",
        None,
        FILLED_NOTE,
    )
    assert Notification.objects.filter(
        user=waiting.candidate.user, kind="application.status_changed"
    ).exists()
    assert Notification.objects.filter(user=job.employer.user, kind="job.filled").exists()
    assert api_client.get("/api/v1/jobs/").json()["count"] == 0
    assert waiting.candidate.user.email in [m.to[0] for m in mail.outbox]


def test_one_hire_of_a_two_position_job_keeps_it_open(client_for):
    job = JobFactory(positions=2)
    application = ApplicationFactory(job=job, status="offered")
    other = ApplicationFactory(job=job, status="submitted")

    hire(client_for, application)

    assert Job.objects.get(pk=job.pk).status == "published"
    assert Application.objects.get(pk=other.pk).status == "submitted"


def test_lowering_the_positions_to_the_hires_fills_the_job(client_for):
    job = JobFactory(positions=2)
    ApplicationFactory(job=job, status="hired")
    other = ApplicationFactory(job=job, status="submitted")

    response = client_for(job.employer.user).patch(
        f"/api/v1/jobs/{job.pk}/", {"positions": 1}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == "filled"
    assert (Job.objects.get(pk=job.pk).status, Job.objects.get(pk=job.pk).positions) == (
        "filled",
        1,
    )
    assert Application.objects.get(pk=other.pk).status == "rejected"


def test_fewer_positions_than_hires_is_a_400(client_for):
    job = JobFactory(positions=3)
    ApplicationFactory.create_batch(2, job=job, status="hired")

    response = client_for(job.employer.user).patch(
        f"/api/v1/jobs/{job.pk}/", {"positions": 1}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0] == {
        "code": "below_hired",
        "detail": "2 people are already hired for this job; it cannot have fewer positions.",
        "attr": "positions",
    }
    assert (Job.objects.get(pk=job.pk).status, Job.objects.get(pk=job.pk).positions) == (
        "published",
        3,
    )


@pytest.mark.parametrize("status", ["pending_review", "rejected"])
def test_no_more_hires_than_positions_whatever_the_jobs_status(client_for, status):
    job = JobFactory(positions=2, status=status)
    ApplicationFactory(job=job, status="hired")
    offered = ApplicationFactory(job=job, status="offered")
    lowered = client_for(job.employer.user).patch(
        f"/api/v1/jobs/{job.pk}/", {"positions": 1}, format="json"
    )
    assert lowered.status_code == 200

    response = client_for(offered.candidate.user).post(
        f"/api/v1/applications/{offered.pk}/transition/", {"status": "hired"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "positions_filled"
    assert Application.objects.get(pk=offered.pk).status == "offered"
    assert Application.objects.filter(job=job, status="hired").count() == 1


def test_the_hire_that_fills_the_job_answers_with_the_job_filled(client_for):
    job = JobFactory(positions=1)
    application = ApplicationFactory(job=job, status="offered")

    response = hire(client_for, application)

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["job"]["status"]) == ("hired", "filled")
    assert Job.objects.get(pk=job.pk).status == "filled"


@pytest.mark.django_db(transaction=True)
def test_two_candidates_accepting_the_last_position_at_once_fill_it_once(race):
    # The migrated minimum wages, gone when an earlier test of this kind emptied the tables.
    import_module("apps.jobs.migrations.0002_minimum_wages_2025_2026").load(django_apps, None)
    job = JobFactory(positions=1)
    first, second = ApplicationFactory.create_batch(2, job=job, status="offered")

    def accept(application):
        def call() -> str:
            services.application_transition(
                application=application, actor=application.candidate.user, to_status="hired"
            )
            return "hired"

        return call

    outcomes = race(accept(first), accept(second))

    outcomes = [str(o.get_codes()) if isinstance(o, Conflict) else o for o in outcomes]
    assert sorted(outcomes) == ["hired", "invalid_transition"]
    assert sorted(Application.objects.values_list("status", flat=True)) == ["hired", "rejected"]
    assert Job.objects.get(pk=job.pk).status == "filled"
    assert Notification.objects.filter(kind="job.filled").count() == 1
    assert sorted(ApplicationEvent.objects.values_list("to_status", "note")) == [
        ("hired", ""),
        ("rejected", FILLED_NOTE),
    ]
