from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.core.geo import point
from apps.jobs import recommendations
from apps.jobs.models import SavedJob
from apps.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def test_a_candidate_saves_and_forgets_a_job(actors, client_for):
    job = JobFactory()
    client = client_for(actors["candidate"])

    saved = client.post(f"/api/v1/jobs/{job.pk}/save/")
    again = client.post(f"/api/v1/jobs/{job.pk}/save/")
    listed = client.get("/api/v1/candidates/me/saved-jobs/")
    forgotten = client.delete(f"/api/v1/jobs/{job.pk}/save/")

    assert (saved.status_code, again.status_code, forgotten.status_code) == (201, 201, 204)
    assert [row["job"]["id"] for row in listed.json()["results"]] == [str(job.pk)]
    assert not SavedJob.objects.exists()


def test_a_job_that_is_not_open_cannot_be_saved(actors, client_for):
    job = JobFactory(status="draft")

    response = client_for(actors["candidate"]).post(f"/api/v1/jobs/{job.pk}/save/")

    assert response.status_code == 404
    assert not SavedJob.objects.exists()


@pytest.mark.parametrize(
    "hide",
    [
        lambda job: setattr(job, "status", "pending_review"),  # edited into review
        lambda job: setattr(job, "status", "closed"),
        lambda job: setattr(job, "expires_at", timezone.now() - timedelta(minutes=1)),
        lambda job: setattr(job.employer, "verification_status", "suspended"),
    ],
    ids=["held-for-review", "closed", "past-its-date", "employer-suspended"],
)
def test_saved_jobs_list_only_jobs_workers_may_still_see(actors, client_for, hide):
    client = client_for(actors["candidate"])
    kept, hidden = JobFactory(), JobFactory(description="Eerlijk werk.")
    for job in (kept, hidden):
        client.post(f"/api/v1/jobs/{job.pk}/save/")
    hide(hidden)
    hidden.save()
    hidden.employer.save()

    listed = client.get("/api/v1/candidates/me/saved-jobs/")

    assert listed.status_code == 200
    assert listed.json()["count"] == 1
    assert [row["job"]["id"] for row in listed.json()["results"]] == [str(kept.pk)]
    assert SavedJob.objects.count() == 2  # back in the list when the job returns


def test_recommendations_rank_by_skills_distance_and_freshness(actors, client_for):
    candidate = actors["candidate"].candidate_profile
    candidate.skills = ["heftruck", "orderpicking"]
    candidate.location = point(latitude=52.0907, longitude=5.1214)
    candidate.max_travel_km = 30
    candidate.min_hourly_wage = Decimal("15.00")
    candidate.save()
    now = timezone.now()
    both_skills = JobFactory(
        title="Heftruckchauffeur",
        description="Orderpicking en heftruck rijden.",
        location=point(latitude=52.2, longitude=5.3),
        published_at=now - timedelta(days=10),
    )
    near_no_skill = JobFactory(
        title="Kassamedewerker",
        description="Kassa.",
        category="retail",
        location=point(latitude=52.091, longitude=5.122),
        published_at=now,
    )
    JobFactory(
        title="Heftruck", description="heftruck", hourly_wage=Decimal("14.80")
    )  # pays less than the candidate's minimum
    JobFactory(
        title="Heftruck", description="heftruck", location=point(latitude=53.2, longitude=6.56)
    )  # Groningen: too far

    response = client_for(actors["candidate"]).get("/api/v1/jobs/recommended/")

    assert response.status_code == 200
    results = response.json()["results"]
    assert [row["job"]["id"] for row in results] == [str(both_skills.pk), str(near_no_skill.pk)]
    reasons = results[0]["match_reasons"]
    assert reasons[0] == "2 of your skills"
    assert reasons[1].endswith("km away")
    assert "posted 10 days ago" in reasons
    assert results[1]["match_reasons"][0] == "0.1 km away"
    assert "posted today" in results[1]["match_reasons"]


def test_a_job_with_the_skills_is_found_beyond_the_nearest_jobs(actors, client_for, monkeypatch):
    monkeypatch.setattr(recommendations, "CANDIDATE_POOL", 3)
    candidate = actors["candidate"].candidate_profile
    candidate.skills = ["schoonmaken", "C++", "wij", "_"]  # odd skills: no error
    candidate.location = point(latitude=52.0907, longitude=5.1214)
    candidate.max_travel_km = 30
    candidate.min_hourly_wage = None
    candidate.save()
    for _ in range(4):
        JobFactory(title="Kassamedewerker", location=point(latitude=52.091, longitude=5.122))
    skilled = JobFactory(
        title="Schoonmaker kantoren",
        description="Kantoren schoonmaken in de avond.",
        location=point(latitude=52.13, longitude=5.16),  # 5 km off
    )

    response = client_for(actors["candidate"]).get("/api/v1/jobs/recommended/")

    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0]["job"]["id"] == str(skilled.pk)
    assert results[0]["match_reasons"][0] == "1 of your skills"
    assert len(results) == 4  # the three nearest and the skilled one


@pytest.mark.parametrize(
    ("skills", "words"),
    [
        (
            ["Heftruck", "-kassa", '"order picken"', "or", "C++", "_"],
            "heftruck or kassa or order picken or c",
        ),
        (
            [f"vaardigheid{i:02d}" for i in range(30)],
            " or ".join(f"vaardigheid{i:02d}" for i in range(12)),
        ),
        ([], ""),
    ],
)
def test_skills_become_one_search_without_operators(skills, words):
    assert recommendations._skills_search(skills) == words
    assert len(words) <= recommendations.SKILLS_SEARCH_LENGTH


def test_recommendations_show_only_open_jobs_of_approved_employers(actors, client_for):
    candidate = actors["candidate"].candidate_profile
    candidate.skills = ["orderpicker"]
    candidate.location = point(latitude=52.0907, longitude=5.1214)
    candidate.min_hourly_wage = None
    candidate.save()
    shown = JobFactory()
    for status in ("draft", "pending_review", "rejected", "closed", "filled", "expired"):
        JobFactory(status=status)
    JobFactory(expires_at=timezone.now() - timedelta(minutes=1))
    JobFactory(employer__verification_status="suspended")

    response = client_for(actors["candidate"]).get("/api/v1/jobs/recommended/")

    assert [row["job"]["id"] for row in response.json()["results"]] == [str(shown.pk)]


def test_no_location_no_recommendations(actors, client_for):
    candidate = actors["candidate"].candidate_profile
    candidate.location = None
    candidate.save()
    JobFactory()

    response = client_for(actors["candidate"]).get("/api/v1/jobs/recommended/")

    assert (response.status_code, response.json()["count"]) == (200, 0)
