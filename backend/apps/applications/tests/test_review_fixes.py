"""Edges found in review: suspended employers, never-public jobs, long titles, started jobs."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from apps.applications.models import Application
from apps.applications.tests.factories import ApplicationFactory
from apps.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def test_a_suspended_employer_no_longer_reaches_its_applicants(client_for):
    application = ApplicationFactory(candidate__is_discoverable=False)
    employer = application.job.employer
    client = client_for(employer.user)
    assert client.get(f"/api/v1/candidates/{application.candidate.pk}/").status_code == 200
    employer.verification_status = "suspended"
    employer.save(update_fields=["verification_status"])

    profile = client.get(f"/api/v1/candidates/{application.candidate.pk}/")
    move = client.post(
        f"/api/v1/applications/{application.pk}/transition/",
        {"status": "reviewing", "note": "app me"},
        format="json",
    )
    listing = client.get("/api/v1/applications/")

    assert (profile.status_code, move.status_code) == (404, 404)
    assert listing.json()["count"] == 0
    assert Application.objects.get().status == "submitted"


def test_a_withdrawn_applicant_is_private_again(client_for):
    application = ApplicationFactory(status="withdrawn", candidate__is_discoverable=False)

    response = client_for(application.job.employer.user).get(
        f"/api/v1/candidates/{application.candidate.pk}/"
    )

    assert response.status_code == 404


def test_applying_to_a_job_that_was_never_public_is_a_404(actors, client_for):
    draft = JobFactory(status="draft", published_at=None, expires_at=None)

    response = client_for(actors["candidate"]).post(
        "/api/v1/applications/", {"job": str(draft.pk)}, format="json"
    )

    assert response.status_code == 404
    assert not Application.objects.exists()


def test_a_long_job_title_does_not_break_notifications(actors, client_for):
    job = JobFactory(title="Orderpicker " + "x" * 188)

    response = client_for(actors["candidate"]).post(
        "/api/v1/applications/", {"job": str(job.pk)}, format="json"
    )

    assert response.status_code == 201


def test_an_offer_for_a_job_already_under_way_uses_the_age_today(client_for):
    with time_machine.travel(date(2026, 6, 1), tick=False):
        application = ApplicationFactory(
            status="shortlisted",
            candidate__date_of_birth=date(2005, 5, 1),  # 20 on the start date, 21 today
            job__starts_on=date(2026, 4, 1),
            job__hourly_wage=Decimal("20.00"),
            job__expires_at=timezone.now() + timedelta(days=10),
        )
        response = client_for(application.job.employer.user).post(
            f"/api/v1/applications/{application.pk}/transition/",
            {"status": "offered", "hourly_wage": "12.00"},
            format="json",
        )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "below_minimum_wage"
