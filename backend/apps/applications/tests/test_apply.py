import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.applications import services
from apps.applications.models import Application, ApplicationEvent
from apps.candidates.tests.factories import CandidateProfileFactory
from apps.core.exceptions import Conflict
from apps.jobs.tests.factories import JobFactory
from apps.notifications.models import Notification

URL = "/api/v1/applications/"


@pytest.mark.django_db
def test_a_candidate_applies_in_one_tap(actors, client_for, django_capture_on_commit_callbacks):
    from django.core import mail

    job = JobFactory(employer=actors["employer"].employer_profile)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(actors["candidate"]).post(
            URL, {"job": str(job.pk), "cover_letter": "Ik kan morgen beginnen."}, format="json"
        )

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "submitted"
    assert body["job"]["id"] == str(job.pk)
    assert body["job"]["employer"]["company_name"] == job.employer.company_name
    application = Application.objects.get()
    assert (application.candidate.user, application.cover_letter) == (
        actors["candidate"],
        "Ik kan morgen beginnen.",
    )
    event = ApplicationEvent.objects.get()
    assert (event.from_status, event.to_status, event.actor) == (
        "",
        "submitted",
        actors["candidate"],
    )
    notification = Notification.objects.get()
    assert (notification.user, notification.kind) == (actors["employer"], "application.submitted")
    assert [m.to for m in mail.outbox] == [[actors["employer"].email]]


@pytest.mark.django_db
def test_applying_twice_is_a_conflict(actors, client_for):
    job = JobFactory()
    client = client_for(actors["candidate"])
    client.post(URL, {"job": str(job.pk)}, format="json")

    response = client.post(URL, {"job": str(job.pk)}, format="json")

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "already_applied"
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_a_withdrawn_application_stays_withdrawn(actors, client_for):
    job = JobFactory()
    client = client_for(actors["candidate"])
    application_id = client.post(URL, {"job": str(job.pk)}, format="json").json()["id"]
    client.post(f"{URL}{application_id}/transition/", {"status": "withdrawn"}, format="json")

    response = client.post(URL, {"job": str(job.pk)}, format="json")

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "already_applied"
    assert Application.objects.get().status == "withdrawn"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "job_kwargs",
    [
        {"status": "draft"},
        {"status": "closed"},
        {"status": "filled"},
        {"status": "pending_review"},
        {"expires_at": timezone.now() - timedelta(minutes=1)},
        {"employer__verification_status": "suspended"},
    ],
)
def test_a_job_that_is_not_open_is_a_conflict(actors, client_for, job_kwargs):
    job = JobFactory(**job_kwargs)

    response = client_for(actors["candidate"]).post(URL, {"job": str(job.pk)}, format="json")

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "job_not_open"
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_an_unknown_job_is_a_404(actors, client_for):
    response = client_for(actors["candidate"]).post(URL, {"job": str(uuid.uuid4())}, format="json")

    assert response.status_code == 404
    assert not Application.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "attr", "code"),
    [
        ({"cover_letter": "Mijn BSN is 111222333."}, "cover_letter", "contains_bsn"),
        ({"cover_letter": "x" * 5001}, "cover_letter", "max_length"),
        ({"job": "not-a-uuid"}, "job", "invalid"),
        ({"status": "hired"}, "status", "unknown_field"),
    ],
)
def test_bad_applications_are_refused(actors, client_for, body, attr, code):
    job = JobFactory()

    response = client_for(actors["candidate"]).post(
        URL, {"job": str(job.pk), **body}, format="json"
    )

    assert response.status_code == 400
    assert {"attr": attr, "code": code} in [
        {"attr": e["attr"], "code": e["code"]} for e in response.json()["errors"]
    ]
    assert not Application.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_applies_give_one_application(race):
    candidate = CandidateProfileFactory()
    job = JobFactory()

    def apply() -> str:
        services.application_submit(candidate=candidate, job_id=job.pk)
        return "created"

    outcomes = [str(o.get_codes()) if isinstance(o, Conflict) else o for o in race(apply, apply)]

    assert sorted(outcomes) == ["already_applied", "created"]
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_applying_to_a_job_that_was_never_public_is_a_404(actors, client_for):
    draft = JobFactory(status="draft", published_at=None, expires_at=None)

    response = client_for(actors["candidate"]).post(
        "/api/v1/applications/", {"job": str(draft.pk)}, format="json"
    )

    assert response.status_code == 404
    assert not Application.objects.exists()
