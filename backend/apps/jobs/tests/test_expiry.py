from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from apps.applications.models import Application, ApplicationEvent
from apps.applications.services import EXPIRED_HELD_NOTE
from apps.applications.tests.factories import ApplicationFactory
from apps.jobs.models import Job
from apps.jobs.tasks import expire_jobs
from apps.jobs.tests.factories import JobFactory
from apps.safety.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_search_hides_a_job_past_its_date_before_the_task_runs(api_client):
    job = JobFactory(expires_at=timezone.now() + timedelta(hours=1))

    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        response = api_client.get("/api/v1/jobs/")

    assert response.json()["count"] == 0
    assert Job.objects.get(pk=job.pk).status == "published"


def test_the_task_expires_jobs_past_their_date_only():
    old = JobFactory(expires_at=timezone.now() - timedelta(minutes=1))
    fresh = JobFactory()
    draft = JobFactory(status="draft", expires_at=timezone.now() - timedelta(days=1))

    assert expire_jobs() == 1

    assert [Job.objects.get(pk=j.pk).status for j in (old, fresh, draft)] == [
        "expired",
        "published",
        "draft",
    ]


def test_a_held_job_past_its_date_is_closed_and_cannot_reach_hiring_by_waiting(client_for):
    expires_at = timezone.now() - timedelta(minutes=1)
    held = JobFactory(status="pending_review", expires_at=expires_at)
    offered = ApplicationFactory(job=held, status="offered")
    never_published = JobFactory(status="pending_review", published_at=None, expires_at=None)

    assert expire_jobs() == 1

    held.refresh_from_db()
    assert (held.status, held.closed_at) == ("closed", expires_at)
    assert Application.objects.get(pk=offered.pk).status == "rejected"
    assert ApplicationEvent.objects.get(application=offered).note == EXPIRED_HELD_NOTE
    assert AuditEvent.objects.get(target_id=held.pk).action == "job.closed"
    assert Job.objects.get(pk=never_published.pk).status == "pending_review"
    hire = client_for(offered.candidate.user).post(
        f"/api/v1/applications/{offered.pk}/transition/", {"status": "hired"}, format="json"
    )
    assert hire.status_code == 409
