"""The lists around jobs cost the same number of queries however many jobs they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.geo import point
from apps.jobs.models import SavedJob
from apps.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

LISTS = [
    # (path, who asks, most queries)
    ("/api/v1/candidates/me/saved-jobs/", "candidate", 4),
    ("/api/v1/jobs/recommended/", "candidate", 8),
    ("/api/v1/moderation/jobs/?status=pending_review", "moderator", 3),
    ("/api/v1/employers/me/jobs/", "employer", 4),
]


def jobs_for_every_list(actors, count: int) -> None:
    candidate = actors["candidate"].candidate_profile
    candidate.location = point(latitude=52.0907, longitude=5.1214)
    candidate.skills = ["orderpicken"]
    candidate.save(update_fields=["location", "skills"])
    employer = actors["employer"].employer_profile
    for _ in range(count):
        SavedJob.objects.create(candidate=candidate, job=JobFactory(employer=employer))
        JobFactory(status="pending_review", published_at=None, expires_at=None)


def queries(client, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries), response.json()["count"]


@pytest.mark.parametrize(("path", "who", "most"), LISTS)
def test_a_list_costs_the_same_queries_for_one_job_as_for_fifteen(
    actors, client_for, path, who, most
):
    client = client_for(actors[who])
    jobs_for_every_list(actors, 1)
    one, shown_one = queries(client, path)
    jobs_for_every_list(actors, 14)

    fifteen, shown_fifteen = queries(client, path)

    assert (shown_one, shown_fifteen) == (1, 15)
    assert one == fifteen <= most
