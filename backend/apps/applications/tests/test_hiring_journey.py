"""Done when: through the API alone a candidate is hired, the job fills, and both sides see it all."""

import pytest

from apps.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def test_apply_offer_accept_fill(actors, client_for, django_capture_on_commit_callbacks):
    job = JobFactory(employer=actors["employer"].employer_profile, positions=1)
    candidate, employer = client_for(actors["candidate"]), client_for(actors["employer"])

    with django_capture_on_commit_callbacks(execute=True):
        application_id = candidate.post(
            "/api/v1/applications/", {"job": str(job.pk)}, format="json"
        ).json()["id"]
        for status in ("reviewing", "shortlisted"):
            assert (
                employer.post(
                    f"/api/v1/applications/{application_id}/transition/",
                    {"status": status},
                    format="json",
                ).status_code
                == 200
            )
        offer = employer.post(
            f"/api/v1/applications/{application_id}/transition/",
            {"status": "offered", "hourly_wage": "16.00"},
            format="json",
        )
        assert offer.status_code == 200
        assert (
            candidate.get(f"/api/v1/applications/{application_id}/").json()["offered_hourly_wage"]
            == "16.00"
        )
        hired = candidate.post(
            f"/api/v1/applications/{application_id}/transition/", {"status": "hired"}, format="json"
        )
    assert hired.status_code == 200

    assert client_for(None).get(f"/api/v1/jobs/{job.pk}/").status_code == 404
    assert client_for(None).get("/api/v1/jobs/").json()["count"] == 0
    expected = ["submitted", "reviewing", "shortlisted", "offered", "hired"]
    for side in (candidate, employer):
        events = side.get(f"/api/v1/applications/{application_id}/events/").json()["results"]
        assert [e["to_status"] for e in events] == expected
    candidate_kinds = [n["kind"] for n in candidate.get("/api/v1/notifications/").json()["results"]]
    employer_kinds = [n["kind"] for n in employer.get("/api/v1/notifications/").json()["results"]]
    assert candidate_kinds.count("application.status_changed") == 3
    assert "application.submitted" in employer_kinds
    assert "job.filled" in employer_kinds
