"""A new minimum-wage rate takes the published jobs it leaves below the law out of search."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine

from apps.jobs.models import Job, MinimumWage
from apps.jobs.services import jobs_hold_below_minimum_wage
from apps.jobs.tests.factories import JobFactory
from apps.notifications.models import Notification
from apps.safety.models import AuditEvent

pytestmark = pytest.mark.django_db

STARTS = date(2027, 2, 1)  # after the rise below; the table's newest rate before it is 2026's


@pytest.fixture(autouse=True)
def _december_2026():
    """The rise is migrated in December, ahead of 1 January; the task runs daily from then."""
    with time_machine.travel(datetime(2026, 12, 20, 10, tzinfo=UTC), tick=True):
        yield


@pytest.fixture
def a_rise():
    """What January 2027's migration would add (amounts made up for the test)."""
    for age, amount in [(21, "15.00"), (18, "7.50")]:
        MinimumWage.objects.create(
            effective_from=date(2027, 1, 1), age=age, hourly_amount=Decimal(amount), source="test"
        )


def search_ids(api_client):
    return [row["id"] for row in api_client.get("/api/v1/jobs/").json()["results"]]


def test_a_job_the_rise_leaves_below_the_minimum_is_held_and_its_employer_told(
    a_rise, api_client, django_capture_on_commit_callbacks
):
    job = JobFactory(hourly_wage=Decimal("14.71"), min_age=21, starts_on=STARTS, title="Kok")
    assert search_ids(api_client) == [str(job.pk)]

    with django_capture_on_commit_callbacks(execute=True):
        held = jobs_hold_below_minimum_wage()

    assert held == 1
    job.refresh_from_db()
    assert job.status == "pending_review"
    assert job.risk_flags[-1] == {
        "code": "below_minimum_wage",
        "severity": "high",
        "matched": "€14.71",
        "detail": "The statutory minimum wage for this job's workers on 01-02-2027 is now €15.00 an hour.",
    }
    event = AuditEvent.objects.get(action="job.held_for_review", target_id=job.pk)
    assert (event.actor, event.before, event.after) == (
        None,
        {"status": "published"},
        {"status": "pending_review", "risk_flags": ["below_minimum_wage"]},
    )
    notification = Notification.objects.get(user=job.employer.user)
    assert notification.title == "Kok: the wage is below the new minimum"
    assert search_ids(api_client) == []


@pytest.mark.parametrize(
    ("wage", "min_age", "starts_on"),
    [
        ("15.00", 21, STARTS),  # exactly the new minimum
        ("14.71", 21, date(2026, 12, 31)),  # starts before the rise
        ("7.50", 18, STARTS),  # the young worker's new minimum
        ("14.71", 20, STARTS),  # the 20-year-olds' rate did not rise (no row)
    ],
)
def test_jobs_at_or_above_their_minimum_stay_published(a_rise, wage, min_age, starts_on):
    job = JobFactory(hourly_wage=Decimal(wage), min_age=min_age, starts_on=starts_on)

    assert jobs_hold_below_minimum_wage() == 0

    assert Job.objects.get(pk=job.pk).status == "published"
    assert not AuditEvent.objects.exists()


def test_a_young_workers_job_below_its_bands_new_rate_is_held(a_rise):
    job = JobFactory(hourly_wage=Decimal("7.36"), min_age=18, starts_on=STARTS)

    assert jobs_hold_below_minimum_wage() == 1

    assert Job.objects.get(pk=job.pk).status == "pending_review"


def test_only_published_jobs_are_held_and_only_once(a_rise):
    published = JobFactory(hourly_wage=Decimal("14.71"), min_age=21, starts_on=STARTS)
    for status in ["draft", "closed", "filled", "expired", "rejected"]:
        JobFactory(hourly_wage=Decimal("14.71"), min_age=21, starts_on=STARTS, status=status)

    first, second = jobs_hold_below_minimum_wage(), jobs_hold_below_minimum_wage()

    assert (first, second) == (1, 0)
    assert AuditEvent.objects.filter(action="job.held_for_review").count() == 1
    assert Job.objects.get(pk=published.pk).status == "pending_review"
    assert Job.objects.filter(status="pending_review").count() == 1


def test_the_held_job_goes_live_again_only_once_its_wage_is_raised(a_rise, actors, client_for):
    employer = actors["employer"]
    job = JobFactory(
        hourly_wage=Decimal("14.71"),
        min_age=21,
        starts_on=STARTS,
        employer=employer.employer_profile,
    )
    assert jobs_hold_below_minimum_wage() == 1
    moderator = client_for(actors["moderator"])

    refused = moderator.post(f"/api/v1/moderation/jobs/{job.pk}/approve/", {}, format="json")
    raised = client_for(employer).patch(
        f"/api/v1/jobs/{job.pk}/", {"hourly_wage": "15.00"}, format="json"
    )
    approved = moderator.post(f"/api/v1/moderation/jobs/{job.pk}/approve/", {}, format="json")

    assert refused.status_code == 400
    assert refused.json()["errors"][0]["code"] == "below_minimum_wage"
    assert (raised.status_code, raised.json()["status"]) == (200, "pending_review")
    assert (approved.status_code, approved.json()["status"]) == (200, "published")
    assert Job.objects.get(pk=job.pk).hourly_wage == Decimal("15.00")


def test_a_job_already_under_way_when_the_rise_takes_effect_is_held(a_rise):
    # Started in December and still looking for people: from 1 January they are paid the new rate.
    under_way = JobFactory(hourly_wage=Decimal("14.71"), min_age=21, starts_on=date(2026, 12, 14))
    assert jobs_hold_below_minimum_wage() == 0  # 20 December: 14.71 is still the minimum

    with time_machine.travel(datetime(2027, 1, 4, 7, tzinfo=UTC), tick=True):
        held = jobs_hold_below_minimum_wage()

    under_way.refresh_from_db()
    assert (held, under_way.status) == (1, "pending_review")
    assert under_way.risk_flags[-1]["detail"] == (
        "The statutory minimum wage for this job's workers on 04-01-2027 is now €15.00 an hour."
    )
