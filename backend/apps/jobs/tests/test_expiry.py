from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from apps.jobs.models import Job
from apps.jobs.tasks import expire_jobs
from apps.jobs.tests.factories import JobFactory

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


def test_a_job_held_after_it_was_published_expires_at_its_date_too():
    expires_at = timezone.now() - timedelta(minutes=1)
    held = JobFactory(status="pending_review", expires_at=expires_at)
    never_published = JobFactory(status="pending_review", published_at=None, expires_at=None)

    assert expire_jobs() == 1

    held.refresh_from_db()
    assert (held.status, held.closed_at) == ("expired", expires_at)
    assert Job.objects.get(pk=never_published.pk).status == "pending_review"
