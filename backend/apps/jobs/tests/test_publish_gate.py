from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine

from apps.employers.tests.factories import EmployerProfileFactory
from apps.jobs.models import Job
from apps.jobs.tests.factories import DraftJobFactory
from apps.safety.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today_before_the_dates_below():
    """The start dates below lie ahead: a start already past is judged on today (tested apart)."""
    with time_machine.travel(datetime(2025, 5, 1, 10, tzinfo=UTC), tick=True):
        yield


def publish(client_for, job):
    return client_for(job.employer.user).post(f"/api/v1/jobs/{job.pk}/publish/")


def test_a_clean_job_of_a_verified_employer_is_published_for_thirty_days(client_for):
    job = DraftJobFactory()

    response = publish(client_for, job)

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "published"
    assert body["risk_flags"] == []
    job.refresh_from_db()
    assert job.status == "published"
    assert job.expires_at is not None
    assert job.published_at is not None
    assert (job.expires_at - job.published_at).days == 30
    assert AuditEvent.objects.get(target_id=str(job.pk)).action == "job.published"


@pytest.mark.parametrize("status", ["unverified", "pending", "rejected", "suspended"])
def test_only_verified_employers_publish(client_for, status):
    job = DraftJobFactory(employer=EmployerProfileFactory(verification_status=status))

    response = publish(client_for, job)

    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "employer_not_verified"
    job.refresh_from_db()
    assert job.status == "draft"
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("min_age", "starts_on", "wage", "published"),
    [
        (21, date(2026, 3, 2), "14.71", True),
        (21, date(2026, 3, 2), "14.70", False),
        (18, date(2026, 3, 2), "7.36", True),
        (18, date(2026, 3, 2), "7.35", False),
        (16, date(2026, 3, 2), "5.07", True),
        (15, date(2026, 3, 2), "4.40", False),
        # A start date across a rate change: the rate of the start date counts.
        (21, date(2025, 12, 31), "14.40", True),
        (21, date(2026, 1, 1), "14.40", False),
        (20, date(2025, 7, 1), "11.51", False),
        (20, date(2025, 6, 30), "11.25", True),
        # After the newest rate: the newest rate.
        (21, date(2030, 1, 1), "14.71", True),
        (21, date(2030, 1, 1), "14.70", False),
    ],
)
def test_the_wage_must_be_at_least_the_statutory_minimum(
    client_for, min_age, starts_on, wage, published
):
    job = DraftJobFactory(min_age=min_age, starts_on=starts_on, hourly_wage=Decimal(wage))

    response = publish(client_for, job)

    job.refresh_from_db()
    if published:
        assert response.status_code == 200
        assert job.status == "published"
    else:
        assert response.status_code == 400
        error = response.json()["errors"][0]
        assert (error["code"], error["attr"]) == ("below_minimum_wage", "hourly_wage")
        assert job.status == "draft"


@pytest.mark.parametrize(("wage", "published"), [("14.71", True), ("14.70", False)])
def test_a_job_already_under_way_pays_at_least_todays_minimum(client_for, wage, published):
    # Workers found today are paid from today: a start date in the past keeps no older rate.
    with time_machine.travel(datetime(2026, 2, 2, 10, tzinfo=UTC), tick=True):
        job = DraftJobFactory(min_age=21, starts_on=date(2025, 3, 3), hourly_wage=Decimal(wage))

        response = publish(client_for, job)

    job.refresh_from_db()
    if published:
        assert (response.status_code, job.status) == (200, "published")
    else:
        assert response.status_code == 400
        assert response.json()["errors"] == [
            {
                "code": "below_minimum_wage",
                "detail": "The statutory minimum wage for workers aged 21 and older on 02-02-2026"
                " is €14.71 an hour.",
                "attr": "hourly_wage",
            }
        ]
        assert job.status == "draft"
        assert not AuditEvent.objects.exists()


def test_a_job_under_way_cannot_be_edited_or_approved_below_todays_minimum(client_for, actors):
    with time_machine.travel(datetime(2026, 2, 2, 10, tzinfo=UTC), tick=True):
        published = DraftJobFactory(min_age=21, starts_on=date(2025, 3, 3))
        assert publish(client_for, published).json()["status"] == "published"
        held = DraftJobFactory(
            min_age=21,
            starts_on=date(2025, 3, 3),
            hourly_wage=Decimal("14.06"),  # 2025's rate
            status="pending_review",
        )

        edited = client_for(published.employer.user).patch(
            f"/api/v1/jobs/{published.pk}/", {"hourly_wage": "14.40"}, format="json"
        )
        approved = client_for(actors["moderator"]).post(
            f"/api/v1/moderation/jobs/{held.pk}/approve/", {}, format="json"
        )

    assert [r.status_code for r in (edited, approved)] == [400, 400]
    assert [r.json()["errors"][0]["code"] for r in (edited, approved)] == [
        "below_minimum_wage",
        "below_minimum_wage",
    ]
    assert Job.objects.get(pk=published.pk).hourly_wage == Decimal("15.50")
    assert Job.objects.get(pk=held.pk).status == "pending_review"


def test_the_refusal_names_the_minimum(client_for):
    job = DraftJobFactory(min_age=21, starts_on=date(2026, 2, 2), hourly_wage=Decimal("12.00"))

    response = publish(client_for, job)

    assert response.json()["errors"][0]["detail"] == (
        "The statutory minimum wage for workers aged 21 and older on 02-02-2026 is €14.71 an hour."
    )


def test_publishing_twice_changes_nothing_the_second_time(client_for):
    job = DraftJobFactory()
    first = publish(client_for, job)
    published_at = Job.objects.get(pk=job.pk).published_at

    second = publish(client_for, job)

    assert (first.status_code, second.status_code) == (200, 200)
    assert Job.objects.get(pk=job.pk).published_at == published_at
    assert AuditEvent.objects.filter(action="job.published").count() == 1


def test_an_edit_is_audited_as_an_edit_not_as_another_publication(client_for):
    job = DraftJobFactory()
    publish(client_for, job)
    client = client_for(job.employer.user)

    kept = client.patch(f"/api/v1/jobs/{job.pk}/", {"positions": 3}, format="json")
    held = client.patch(
        f"/api/v1/jobs/{job.pk}/",
        {"description": "Betaal eerst €50 inschrijfgeld op kantoor."},
        format="json",
    )
    again = client.patch(f"/api/v1/jobs/{job.pk}/", {"positions": 4}, format="json")

    assert [r.json()["status"] for r in (kept, held, again)] == [
        "published",
        "pending_review",
        "pending_review",
    ]
    trail = AuditEvent.objects.filter(target_id=str(job.pk)).order_by("created_at", "id")
    assert [(e.action, e.before["status"], e.after["status"]) for e in trail] == [
        ("job.published", "draft", "published"),
        ("job.edited", "published", "published"),
        ("job.held_for_review", "published", "pending_review"),
        ("job.edited", "pending_review", "pending_review"),
    ]


def test_a_posting_asking_for_a_fee_goes_to_review_with_its_flags(client_for):
    job = DraftJobFactory(
        description="Productiewerk. Let op: je betaalt eerst €50 inschrijfgeld bij ons op kantoor."
    )

    response = publish(client_for, job)

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "pending_review"
    assert "worker_fee" in [flag["code"] for flag in body["risk_flags"]]
    assert body["published_at"] is None
    assert AuditEvent.objects.get(target_id=str(job.pk)).action == "job.held_for_review"


@pytest.mark.parametrize("status", ["closed", "filled", "expired"])
def test_a_finished_job_cannot_be_published(client_for, status):
    job = DraftJobFactory(status=status)

    response = publish(client_for, job)

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "invalid_transition"


def test_editing_a_published_job_screens_it_again(client_for):
    job = DraftJobFactory()
    publish(client_for, job)

    response = client_for(job.employer.user).patch(
        f"/api/v1/jobs/{job.pk}/",
        {"description": "Stuur een kopie van je paspoort naar ons via WhatsApp 06-12345678."},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["status"] == "pending_review"
    codes = {flag["code"] for flag in response.json()["risk_flags"]}
    assert {"identity_document_request", "off_platform_contact"} <= codes


def test_editing_a_published_job_below_the_minimum_is_refused(client_for):
    job = DraftJobFactory(min_age=21, starts_on=date(2026, 3, 2))
    publish(client_for, job)

    response = client_for(job.employer.user).patch(
        f"/api/v1/jobs/{job.pk}/", {"hourly_wage": "10.00"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "below_minimum_wage"
    job.refresh_from_db()
    assert (job.status, job.hourly_wage) == ("published", Decimal("15.50"))


def test_a_held_job_edited_below_the_minimum_is_refused_and_stays_held(client_for):
    job = DraftJobFactory(description="Stuur je CV via WhatsApp naar 06-12345678.")
    client = client_for(job.employer.user)
    assert client.post(f"/api/v1/jobs/{job.pk}/publish/").json()["status"] == "pending_review"

    cheap = client.patch(f"/api/v1/jobs/{job.pk}/", {"hourly_wage": "1.00"}, format="json")
    job.refresh_from_db()
    assert cheap.status_code == 400
    assert cheap.json()["errors"][0]["code"] == "below_minimum_wage"
    assert (job.status, job.hourly_wage) == ("pending_review", Decimal("15.50"))

    cleaned = client.patch(
        f"/api/v1/jobs/{job.pk}/", {"description": "Solliciteer via het platform."}, format="json"
    )

    assert cleaned.status_code == 200
    assert cleaned.json()["status"] == "pending_review"
    assert cleaned.json()["risk_flags"] == []
