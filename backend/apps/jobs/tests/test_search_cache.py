"""An anonymous search answer cached in Redis never outlives a change to what search may show."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from apps.applications.tests.factories import ApplicationFactory
from apps.jobs.models import Job, MinimumWage
from apps.jobs.services import jobs_hold_below_minimum_wage
from apps.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/jobs/"


def ids(api_client) -> list[str]:
    return [row["id"] for row in api_client.get(URL).json()["results"]]


def close(job: Job, actors: dict[str, Any], client_for: Callable) -> None:
    client_for(job.employer.user).post(f"/api/v1/jobs/{job.pk}/close/")


def delete(job: Job, actors: dict[str, Any], client_for: Callable) -> None:
    client_for(job.employer.user).delete(f"/api/v1/jobs/{job.pk}/")


def fill(job: Job, actors: dict[str, Any], client_for: Callable) -> None:
    offered = ApplicationFactory(job=job, status="offered")
    client_for(offered.candidate.user).post(
        f"/api/v1/applications/{offered.pk}/transition/", {"status": "hired"}, format="json"
    )


def edit_into_review(job: Job, actors: dict[str, Any], client_for: Callable) -> None:
    client_for(job.employer.user).patch(
        f"/api/v1/jobs/{job.pk}/",
        {"description": "Eerst €50 inschrijfgeld betalen."},
        format="json",
    )


def raise_the_minimum(job: Job, actors: dict[str, Any], client_for: Callable) -> None:
    for age in range(15, 22):
        MinimumWage.objects.update_or_create(
            effective_from=timezone.localdate(),
            age=age,
            defaults={"hourly_amount": Decimal("16.00"), "source": "a test"},
        )
    jobs_hold_below_minimum_wage()


def suspend_the_employer(job: Job, actors: dict[str, Any], client_for: Callable) -> None:
    client_for(actors["moderator"]).post(
        f"/api/v1/moderation/employers/{job.employer.pk}/suspend/",
        {"reason": "Scam reports."},
        format="json",
    )


def rename_the_employer(job: Job, actors: dict[str, Any], client_for: Callable) -> None:
    # A new name needs a new check: the employer is no longer approved.
    client_for(job.employer.user).patch(
        "/api/v1/employers/me/", {"company_name": "Andere Naam B.V."}, format="json"
    )


@pytest.mark.parametrize(
    "change",
    [
        close,
        delete,
        fill,
        edit_into_review,
        raise_the_minimum,
        suspend_the_employer,
        rename_the_employer,
    ],
)
def test_a_job_that_left_search_leaves_the_cached_answer(
    api_client, actors, client_for, django_capture_on_commit_callbacks, change
):
    job = JobFactory(positions=1, employer=actors["employer"].employer_profile)
    other = JobFactory(hourly_wage=Decimal("20.00"))
    assert set(ids(api_client)) == {str(job.pk), str(other.pk)}  # now cached

    with django_capture_on_commit_callbacks(execute=True):
        change(job, actors, client_for)

    assert ids(api_client) == [str(other.pk)]


def test_a_job_a_moderator_approves_joins_the_cached_answer(
    api_client, actors, client_for, django_capture_on_commit_callbacks
):
    held = JobFactory(status="pending_review", published_at=None, expires_at=None)
    shown = JobFactory()
    assert ids(api_client) == [str(shown.pk)]  # now cached

    with django_capture_on_commit_callbacks(execute=True):
        client_for(actors["moderator"]).post(f"/api/v1/moderation/jobs/{held.pk}/approve/")

    assert set(ids(api_client)) == {str(held.pk), str(shown.pk)}
