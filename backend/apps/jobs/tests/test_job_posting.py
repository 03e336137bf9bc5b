import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.jobs.models import Job
from apps.jobs.tests.factories import DraftJobFactory, JobFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/jobs/"


def valid_job(**overrides) -> dict:
    return {
        "title": "Productiemedewerker zuivel",
        "description": "Inpakken en controleren van zuivelproducten in ploegendienst.",
        "category": "production",
        "employment_type": "temporary",
        "hourly_wage": "15.25",
        "hours_per_week": 36,
        "min_age": 18,
        "positions": 3,
        "starts_on": str(timezone.localdate() + timedelta(days=14)),
        "address": "Industrieweg 10",
        "postal_code": "3542ad",
        "city": "Utrecht",
        **overrides,
    }


def test_an_employer_drafts_a_job_located_from_its_city(actors, client_for):
    response = client_for(actors["employer"]).post(URL, valid_job(), format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft"
    assert body["postal_code"] == "3542 AD"
    assert abs(body["latitude"] - 52.09) < 0.05
    assert body["risk_flags"] == []
    job = Job.objects.get(pk=body["id"])
    assert job.employer.user == actors["employer"]


@pytest.mark.parametrize(
    ("overrides", "attr"),
    [
        ({"hourly_wage": "-1"}, "hourly_wage"),
        ({"hourly_wage": "600"}, "hourly_wage"),
        ({"positions": 0}, "positions"),
        ({"min_age": 14}, "min_age"),
        ({"employment_type": "zero_hours_forever"}, "employment_type"),
        ({"category": "crypto"}, "category"),
        ({"ends_on": "2020-01-01"}, "ends_on"),
        ({"description": "Stuur je BSN 111222333."}, "description"),
        ({"city": "Nergenshuizen-aan-de-Maan", "postal_code": ""}, "city"),
        ({"employer": str(uuid.uuid4())}, "employer"),
        ({"status": "published"}, "status"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_postings_are_refused_naming_the_field(actors, client_for, overrides, attr):
    response = client_for(actors["employer"]).post(URL, valid_job(**overrides), format="json")

    assert response.status_code == 400
    assert attr in [error["attr"] for error in response.json()["errors"]]
    assert not Job.objects.exists()


def test_an_owner_edits_a_draft(client_for):
    job = DraftJobFactory()

    response = client_for(job.employer.user).patch(
        f"{URL}{job.pk}/", {"positions": 5}, format="json"
    )

    assert response.status_code == 200
    job.refresh_from_db()
    assert job.positions == 5


def test_another_employers_job_is_a_404_and_unchanged(actors, client_for):
    job = DraftJobFactory()

    response = client_for(actors["other_employer"]).patch(
        f"{URL}{job.pk}/", {"positions": 5}, format="json"
    )

    assert response.status_code == 404
    job.refresh_from_db()
    assert job.positions == 2


def test_deleting_a_draft_removes_it(client_for):
    job = DraftJobFactory()

    response = client_for(job.employer.user).delete(f"{URL}{job.pk}/")

    assert response.status_code == 204
    assert not Job.objects.filter(pk=job.pk).exists()


def test_deleting_a_published_job_closes_it(client_for):
    job = JobFactory()

    response = client_for(job.employer.user).delete(f"{URL}{job.pk}/")

    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    assert Job.objects.get(pk=job.pk).status == "closed"


def test_closing_twice_is_harmless(client_for):
    job = JobFactory()
    client = client_for(job.employer.user)

    first = client.post(f"{URL}{job.pk}/close/")
    second = client.post(f"{URL}{job.pk}/close/")

    assert (first.status_code, second.status_code) == (200, 200)
    assert second.json()["status"] == "closed"


def test_a_closed_job_cannot_be_edited(client_for):
    job = JobFactory(status="closed")

    response = client_for(job.employer.user).patch(
        f"{URL}{job.pk}/", {"positions": 9}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "invalid_transition"


def test_the_owner_lists_its_jobs_in_every_status(
    client_for, actors, django_assert_max_num_queries
):
    employer = actors["employer"].employer_profile
    for status in ["draft", "published", "closed", "pending_review"]:
        JobFactory(employer=employer, status=status)
    JobFactory()
    client = client_for(actors["employer"])

    with django_assert_max_num_queries(5):
        response = client.get("/api/v1/employers/me/jobs/")

    assert response.status_code == 200
    assert sorted(job["status"] for job in response.json()["results"]) == [
        "closed",
        "draft",
        "pending_review",
        "published",
    ]


@pytest.mark.parametrize(
    ("status", "visible"),
    [
        ("published", True),
        ("draft", False),
        ("pending_review", False),
        ("rejected", False),
        ("closed", False),
        ("filled", False),
        ("expired", False),
        ("published, past its expiry", False),
        ("published, employer suspended", False),
    ],
)
def test_who_sees_a_job(actors, client_for, status, visible):
    employer = actors["employer"].employer_profile
    job = JobFactory(employer=employer, status=status.split(",")[0])
    if status == "published, past its expiry":
        Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    if status == "published, employer suspended":
        employer.verification_status = "suspended"
        employer.save(update_fields=["verification_status"])

    anonymous = client_for(None).get(f"{URL}{job.pk}/")
    owner = client_for(actors["employer"]).get(f"{URL}{job.pk}/")
    other = client_for(actors["other_employer"]).get(f"{URL}{job.pk}/")
    moderator = client_for(actors["moderator"]).get(f"{URL}{job.pk}/")

    assert anonymous.status_code == other.status_code == (200 if visible else 404)
    assert owner.status_code == moderator.status_code == 200
    assert "risk_flags" in owner.json()
    assert "risk_flags" in moderator.json()
    if visible:
        assert "risk_flags" not in anonymous.json()


@pytest.mark.parametrize("field", ["title", "address", "city"])
def test_a_bsn_anywhere_in_a_posting_is_refused(client_for, field):
    job = DraftJobFactory()
    before = getattr(job, field)

    response = client_for(job.employer.user).patch(
        f"{URL}{job.pk}/", {field: "Werk 111222333"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "contains_bsn"
    job.refresh_from_db()
    assert getattr(job, field) == before


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("title", "Vakkenvuller\nBcc: victim@example.nl", "invalid"),
        ("title", "Vakkenvuller \u202e0005 \u20ac", "invalid"),
        ("title", "\u200b\u200b\u200b", "min_length"),
        ("title", "V\u200b\u200bW", "min_length"),
        ("address", "Industrieweg 10\tHal 3", "invalid"),
        ("city", "Utrecht\rAmersfoort", "invalid"),
    ],
)
def test_a_line_of_a_posting_is_one_line_that_shows(client_for, field, value, code):
    job = DraftJobFactory()
    before = Job.objects.filter(pk=job.pk).values().get()

    response = client_for(job.employer.user).patch(f"{URL}{job.pk}/", {field: value}, format="json")

    assert response.status_code == 400
    assert [(e["attr"], e["code"]) for e in response.json()["errors"]] == [(field, code)]
    assert Job.objects.filter(pk=job.pk).values().get() == before
