from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from apps.applications.models import Application, ApplicationEvent
from apps.applications.services import REJECTED_JOB_NOTE
from apps.applications.tests.factories import ApplicationFactory
from apps.jobs.models import Job
from apps.jobs.tasks import expire_jobs
from apps.jobs.tests.factories import JobFactory
from apps.safety.models import AuditEvent

pytestmark = pytest.mark.django_db


def held(**kwargs):
    return JobFactory(
        status="pending_review",
        published_at=None,
        expires_at=None,
        risk_flags=[
            {"code": "worker_fee", "severity": "high", "matched": "inschrijfgeld", "detail": "x"}
        ],
        **kwargs,
    )


def test_the_queue_shows_held_jobs_with_their_flags(actors, client_for):
    job = held()
    JobFactory()

    response = client_for(actors["moderator"]).get(
        "/api/v1/moderation/jobs/", {"status": "pending_review"}
    )

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(job.pk)]
    assert response.json()["results"][0]["risk_flags"][0]["code"] == "worker_fee"


def test_approving_publishes_and_is_audited(actors, client_for):
    job = held()

    response = client_for(actors["moderator"]).post(
        f"/api/v1/moderation/jobs/{job.pk}/approve/",
        {"reason": "Fee is the employer's own canteen."},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["status"] == "published"
    job.refresh_from_db()
    assert job.published_at is not None
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.reason) == (
        "job.approved",
        actors["moderator"],
        "Fee is the employer's own canteen.",
    )


def test_rejecting_needs_a_reason(actors, client_for):
    job = held()
    client = client_for(actors["moderator"])

    without = client.post(f"/api/v1/moderation/jobs/{job.pk}/reject/", {}, format="json")
    with_reason = client.post(
        f"/api/v1/moderation/jobs/{job.pk}/reject/",
        {"reason": "Asks workers for a deposit."},
        format="json",
    )

    assert without.status_code == 400
    assert with_reason.status_code == 200
    job.refresh_from_db()
    assert (job.status, job.rejection_reason) == ("rejected", "Asks workers for a deposit.")
    assert AuditEvent.objects.get().action == "job.rejected"


def test_only_held_jobs_can_be_approved(actors, client_for):
    job = JobFactory()

    response = client_for(actors["moderator"]).post(f"/api/v1/moderation/jobs/{job.pk}/approve/")

    assert response.status_code == 409
    assert not AuditEvent.objects.exists()


def test_an_unknown_status_filter_is_a_400(actors, client_for):
    response = client_for(actors["moderator"]).get("/api/v1/moderation/jobs/", {"status": "weird"})

    assert response.status_code == 400


def test_a_moderator_cannot_approve_a_job_below_the_minimum(actors, client_for):
    job = held(hourly_wage="3.00")

    response = client_for(actors["moderator"]).post(f"/api/v1/moderation/jobs/{job.pk}/approve/")

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "below_minimum_wage"
    job.refresh_from_db()
    assert (job.status, job.published_at) == ("pending_review", None)
    assert not AuditEvent.objects.exists()


def test_rejecting_a_held_job_ends_its_applications_and_publishing_again_reopens_it(
    actors, client_for
):
    job = held()
    waiting = ApplicationFactory(job=job, status="interview")

    response = client_for(actors["moderator"]).post(
        f"/api/v1/moderation/jobs/{job.pk}/reject/", {"reason": "A deposit."}, format="json"
    )

    assert response.status_code == 200
    assert Application.objects.get(pk=waiting.pk).status == "rejected"
    event = ApplicationEvent.objects.get(application=waiting)
    assert (event.actor, event.note) == (actors["moderator"], REJECTED_JOB_NOTE)
    job.refresh_from_db()
    assert job.closed_at is not None  # retention counts from here
    republished = client_for(job.employer.user).post(f"/api/v1/jobs/{job.pk}/publish/")
    assert republished.json()["status"] == "pending_review"
    assert Job.objects.get(pk=job.pk).closed_at is None


def test_a_rejected_job_edited_clean_goes_back_to_the_moderators_not_to_search(actors, client_for):
    job = held(description="Inschrijfgeld €50, daarna kun je beginnen.")
    owner = client_for(job.employer.user)
    client_for(actors["moderator"]).post(
        f"/api/v1/moderation/jobs/{job.pk}/reject/", {"reason": "Asks money."}, format="json"
    )
    owner.patch(f"/api/v1/jobs/{job.pk}/", {"description": "Eerlijk werk."}, format="json")

    response = owner.post(f"/api/v1/jobs/{job.pk}/publish/")
    searched = client_for(None).get("/api/v1/jobs/")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["risk_flags"]) == ("pending_review", [])
    job.refresh_from_db()
    assert (job.status, job.published_at) == ("pending_review", None)
    assert searched.json()["count"] == 0
    actions = list(AuditEvent.objects.order_by("created_at").values_list("action", flat=True))
    assert actions == ["job.rejected", "job.held_for_review"]
    approved = client_for(actors["moderator"]).post(f"/api/v1/moderation/jobs/{job.pk}/approve/")
    assert (approved.json()["status"], approved.json()["rejection_reason"]) == ("published", "")


def test_a_job_sent_back_after_its_old_publication_ended_waits_for_the_moderators(
    actors, client_for
):
    job = JobFactory(description="Inschrijfgeld €50, daarna kun je beginnen.")
    client_for(job.employer.user).patch(
        f"/api/v1/jobs/{job.pk}/", {"description": "Eerst €50 inschrijfgeld."}, format="json"
    )  # held for review while published
    client_for(actors["moderator"]).post(
        f"/api/v1/moderation/jobs/{job.pk}/reject/", {"reason": "Asks money."}, format="json"
    )

    with time_machine.travel(timezone.now() + timedelta(days=40), tick=True):
        owner = client_for(job.employer.user)
        owner.patch(f"/api/v1/jobs/{job.pk}/", {"description": "Eerlijk werk."}, format="json")
        sent_back = owner.post(f"/api/v1/jobs/{job.pk}/publish/")
        expire_jobs()
        job.refresh_from_db()
        queue = client_for(actors["moderator"]).get(
            "/api/v1/moderation/jobs/", {"status": "pending_review"}
        )
        approved = client_for(actors["moderator"]).post(
            f"/api/v1/moderation/jobs/{job.pk}/approve/"
        )
        now = timezone.now()

    # Its old publication's end passed while it was rejected: that is no reason to close it.
    assert sent_back.json()["status"] == "pending_review"
    assert (job.status, job.expires_at) == ("pending_review", None)
    assert [row["id"] for row in queue.json()["results"]] == [str(job.pk)]
    assert approved.status_code == 200
    expires_at = Job.objects.get(pk=job.pk).expires_at
    assert expires_at is not None
    assert timedelta(days=29) < expires_at - now <= timedelta(days=30)


def test_a_held_job_of_an_employer_suspended_meanwhile_cannot_be_approved(actors, client_for):
    job = held()
    job.employer.verification_status = "suspended"
    job.employer.save(update_fields=["verification_status"])

    response = client_for(actors["moderator"]).post(f"/api/v1/moderation/jobs/{job.pk}/approve/")

    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "employer_not_verified"
    job.refresh_from_db()
    assert (job.status, job.published_at) == ("pending_review", None)
    assert not AuditEvent.objects.exists()


def test_approving_a_held_job_whose_positions_are_all_taken_fills_it(actors, client_for):
    job = held(positions=1)
    ApplicationFactory(job=job, status="hired")

    response = client_for(actors["moderator"]).post(
        f"/api/v1/moderation/jobs/{job.pk}/approve/", {}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == "filled"
    assert Job.objects.get(pk=job.pk).status == "filled"


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_a_staff_employer_cannot_decide_on_its_own_job(client_for, action):
    job = held()
    job.employer.user.is_staff = True  # staff are moderators (api.md)
    job.employer.user.save(update_fields=["is_staff"])

    response = client_for(job.employer.user).post(
        f"/api/v1/moderation/jobs/{job.pk}/{action}/", {"reason": "Fine."}, format="json"
    )

    assert response.status_code == 403
    job.refresh_from_db()
    assert job.status == "pending_review"
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_a_reason_holding_a_bsn_is_refused_and_changes_nothing(actors, client_for, action):
    job = held()
    before = Job.objects.filter(pk=job.pk).values().get()

    response = client_for(actors["moderator"]).post(
        f"/api/v1/moderation/jobs/{job.pk}/{action}/",
        {"reason": "Vraagt BSN 111-222-333 van de werker."},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "code": "contains_bsn",
            "detail": "Remove the citizen service number (BSN): the platform may not store it.",
            "attr": "reason",
        }
    ]
    assert Job.objects.filter(pk=job.pk).values().get() == before
    assert not AuditEvent.objects.exists()
