import pytest

from apps.jobs.models import Job
from apps.jobs.tests.factories import DraftJobFactory

pytestmark = pytest.mark.django_db


def test_a_held_job_edited_below_the_minimum_is_refused_and_stays_held(client_for):
    job = DraftJobFactory(description="Stuur je CV via WhatsApp naar 06-12345678.")
    client = client_for(job.employer.user)
    assert client.post(f"/api/v1/jobs/{job.pk}/publish/").json()["status"] == "pending_review"

    cheap = client.patch(f"/api/v1/jobs/{job.pk}/", {"hourly_wage": "1.00"}, format="json")
    cleaned = client.patch(
        f"/api/v1/jobs/{job.pk}/", {"description": "Solliciteer via het platform."}, format="json"
    )

    assert cheap.status_code == 400
    assert cheap.json()["errors"][0]["code"] == "below_minimum_wage"
    assert cleaned.status_code == 200
    assert cleaned.json()["status"] == "pending_review"
    assert cleaned.json()["risk_flags"] == []


def test_a_moderator_cannot_approve_a_job_below_the_minimum(actors, client_for):
    job = DraftJobFactory(status="pending_review", hourly_wage="3.00")

    response = client_for(actors["moderator"]).post(f"/api/v1/moderation/jobs/{job.pk}/approve/")

    assert response.status_code == 400
    assert Job.objects.get(pk=job.pk).status == "pending_review"


@pytest.mark.parametrize("field", ["title", "address", "city"])
def test_a_bsn_anywhere_in_a_posting_is_refused(client_for, field):
    job = DraftJobFactory()

    response = client_for(job.employer.user).patch(
        f"/api/v1/jobs/{job.pk}/", {field: "Werk 111222333"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "contains_bsn"


@pytest.mark.parametrize("page", ["²", "1" * 5000, "-1", "1.5", " 2"])
def test_odd_page_numbers_are_a_400(api_client, page):
    response = api_client.get("/api/v1/jobs/", {"page": page})

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "page"
