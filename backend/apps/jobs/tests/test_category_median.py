"""Screening's category medians: of the jobs workers see, stored hourly, read by key when publishing.

Computing a median read every job of its category (a sequential scan, seconds
over a million jobs) inside the locked publish and edit, and it counted expired
jobs and those of suspended employers.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.employers.tests.factories import ApprovedEmployerFactory
from apps.jobs import selectors, tasks
from apps.jobs.models import CategoryWage, Job
from apps.jobs.tests.factories import DraftJobFactory, JobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def logistics_jobs():
    """Five logistics jobs workers see (€16 to €20, median €18) and six hidden ones at €14.71."""
    for wage in ("16.00", "17.00", "18.00", "19.00", "20.00"):
        JobFactory(category="logistics", hourly_wage=Decimal(wage))
    low = Decimal("14.71")
    gone = timezone.now() - timedelta(minutes=1)
    suspended = ApprovedEmployerFactory(verification_status="suspended")
    for _ in range(3):
        JobFactory(category="logistics", hourly_wage=low, expires_at=gone)
        JobFactory(category="logistics", hourly_wage=low, employer=suspended)
    DraftJobFactory(category="logistics", hourly_wage=low)
    for _ in range(4):
        JobFactory(category="retail", hourly_wage=Decimal("16.00"))


def test_the_medians_are_of_the_jobs_workers_see(logistics_jobs):
    stored = tasks.category_wages_refresh()

    assert stored == 2
    assert sorted(CategoryWage.objects.values_list("category", "jobs", "median")) == [
        ("logistics", 5, Decimal("18.00")),
        ("retail", 4, Decimal("16.00")),
    ]
    assert selectors.category_median_wage(category="logistics") == Decimal("18.00")
    assert selectors.category_median_wage(category="retail") is None  # too few to tell
    assert selectors.category_median_wage(category="care") is None


def test_a_category_without_visible_jobs_loses_its_median(logistics_jobs):
    tasks.category_wages_refresh()
    CategoryWage.objects.filter(category="logistics").update(jobs=99)
    Job.objects.filter(category="retail").update(status="closed")

    assert tasks.category_wages_refresh() == 1
    assert list(CategoryWage.objects.values_list("category", "jobs")) == [("logistics", 5)]


def test_publishing_compares_the_wage_with_the_stored_median_without_computing_it(
    logistics_jobs, client_for
):
    tasks.category_wages_refresh()
    fair = DraftJobFactory(category="logistics", hourly_wage=Decimal("50.00"))
    lure = DraftJobFactory(category="logistics", hourly_wage=Decimal("54.01"))

    with CaptureQueriesContext(connection) as context:
        published = client_for(fair.employer.user).post(f"/api/v1/jobs/{fair.pk}/publish/")
    held = client_for(lure.employer.user).post(f"/api/v1/jobs/{lure.pk}/publish/")

    assert (published.status_code, published.json()["status"]) == (200, "published")
    assert published.json()["risk_flags"] == []
    assert (held.status_code, held.json()["status"]) == (200, "pending_review")
    assert [flag["code"] for flag in held.json()["risk_flags"]] == ["pay_above_market"]
    assert "3.0\N{MULTIPLICATION SIGN} the category median of €18.00" in (
        held.json()["risk_flags"][0]["matched"]
    )
    assert [q["sql"] for q in context.captured_queries if "percentile" in q["sql"]] == []
