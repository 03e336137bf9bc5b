"""A job's publication ends with its last day: workers are not shown work that is over."""

from datetime import UTC, date, datetime, timedelta
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from apps.jobs.models import Job
from apps.jobs.tasks import expire_jobs
from apps.jobs.tests.factories import DraftJobFactory, JobFactory
from apps.safety.models import AuditEvent

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 6, 1, 10, tzinfo=UTC)  # a Monday
MIDNIGHT_AFTER = datetime(2026, 6, 6, 0, 0, tzinfo=AMSTERDAM)  # after Friday 5 June


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def search_ids(api_client, ordering):
    """A search (each asked once: the clock travels, the anonymous cache's Redis TTL does not)."""
    response = api_client.get(f"/api/v1/jobs/?ordering={ordering}")
    return [row["id"] for row in response.json()["results"]]


def test_a_job_ending_this_week_leaves_search_after_its_last_day(client_for, api_client):
    job = DraftJobFactory(starts_on=date(2026, 6, 2), ends_on=date(2026, 6, 5))

    response = client_for(job.employer.user).post(f"/api/v1/jobs/{job.pk}/publish/")

    assert response.status_code == 200
    assert response.json()["expires_at"] == "2026-06-06T00:00:00+02:00"
    job.refresh_from_db()
    assert job.expires_at == MIDNIGHT_AFTER
    with time_machine.travel(MIDNIGHT_AFTER - timedelta(minutes=1), tick=False):
        assert search_ids(api_client, "-published_at") == [str(job.pk)]
        assert expire_jobs() == 0
    with time_machine.travel(MIDNIGHT_AFTER + timedelta(minutes=1), tick=False):
        assert search_ids(api_client, "-hourly_wage") == []
        assert expire_jobs() == 1
    assert Job.objects.get(pk=job.pk).status == "expired"


def test_a_job_ending_later_than_thirty_days_is_published_for_thirty(client_for):
    job = DraftJobFactory(starts_on=date(2026, 6, 2), ends_on=date(2026, 12, 31))

    client_for(job.employer.user).post(f"/api/v1/jobs/{job.pk}/publish/")

    job.refresh_from_db()
    assert job.expires_at == NOW + timedelta(days=30)


def test_a_job_that_is_over_is_not_published(client_for):
    job = DraftJobFactory(starts_on=date(2026, 5, 1), ends_on=date(2026, 5, 31))

    response = client_for(job.employer.user).post(f"/api/v1/jobs/{job.pk}/publish/")

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "code": "job_ended",
            "detail": "This job ended on 31-05-2026; a job that is over cannot be published"
            " or stay in search.",
            "attr": "ends_on",
        }
    ]
    job.refresh_from_db()
    assert (job.status, job.published_at, job.expires_at) == ("draft", None, None)
    assert not AuditEvent.objects.exists()


def test_editing_the_last_day_moves_the_end_of_the_publication(client_for):
    job = DraftJobFactory(starts_on=date(2026, 6, 2), ends_on=None)
    client = client_for(job.employer.user)
    client.post(f"/api/v1/jobs/{job.pk}/publish/")
    url = f"/api/v1/jobs/{job.pk}/"

    sooner = client.patch(url, {"ends_on": "2026-06-05"}, format="json")
    later = client.patch(url, {"ends_on": "2026-09-30"}, format="json")
    over = client.patch(url, {"ends_on": "2026-05-31", "starts_on": "2026-05-01"}, format="json")

    assert sooner.status_code == 200
    assert sooner.json()["expires_at"] == "2026-06-06T00:00:00+02:00"
    assert later.status_code == 200
    assert later.json()["expires_at"] == "2026-07-01T12:00:00+02:00"  # its thirty days
    assert over.status_code == 400
    assert over.json()["errors"][0]["code"] == "job_ended"
    job.refresh_from_db()
    assert (job.ends_on, job.expires_at) == (date(2026, 9, 30), NOW + timedelta(days=30))


def test_a_held_job_whose_last_day_passed_is_not_approved(client_for, actors):
    job = JobFactory(status="pending_review", starts_on=date(2026, 5, 1), ends_on=date(2026, 5, 31))

    response = client_for(actors["moderator"]).post(f"/api/v1/moderation/jobs/{job.pk}/approve/")

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "job_ended"
    assert Job.objects.get(pk=job.pk).status == "pending_review"


def test_the_migration_caps_the_jobs_published_before():
    # The migration reads PostgreSQL's clock, which the test's travel does not move.
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement_timestamp()")
        db_now = cursor.fetchone()[0]
    today = db_now.astimezone(AMSTERDAM).date()
    first_day, in_twenty = today - timedelta(days=10), db_now + timedelta(days=20)
    ending = JobFactory(
        starts_on=first_day, ends_on=today + timedelta(days=2), expires_at=in_twenty
    )
    over = JobFactory(starts_on=first_day, ends_on=today - timedelta(days=3), expires_at=in_twenty)
    open_ended = JobFactory(starts_on=first_day, ends_on=None, expires_at=in_twenty)
    later = JobFactory(
        starts_on=first_day, ends_on=today + timedelta(days=90), expires_at=in_twenty
    )
    draft = JobFactory(
        status="draft", starts_on=first_day, ends_on=today - timedelta(days=3), expires_at=None
    )

    migration = import_module("apps.jobs.migrations.0010_publication_ends_with_the_job")
    with connection.cursor() as cursor:
        cursor.execute(migration.CAP)

    def expiry(job):
        return Job.objects.get(pk=job.pk).expires_at

    midnight = datetime.combine(today + timedelta(days=3), datetime.min.time(), AMSTERDAM)
    assert expiry(ending) == midnight
    # Over already: it leaves search now, and its closing (retention's start) is now too.
    assert db_now <= expiry(over) <= db_now + timedelta(minutes=5)
    assert [expiry(j) for j in (open_ended, later, draft)] == [in_twenty, in_twenty, None]


def test_a_job_whose_last_day_is_today_is_published_and_edited(client_for):
    job = DraftJobFactory(starts_on=date(2026, 5, 25), ends_on=date(2026, 6, 1))
    client = client_for(job.employer.user)

    published = client.post(f"/api/v1/jobs/{job.pk}/publish/")
    edited = client.patch(
        f"/api/v1/jobs/{job.pk}/", {"description": "Nog één dag: vandaag."}, format="json"
    )

    assert (published.status_code, edited.status_code) == (200, 200)
    assert edited.json()["expires_at"] == "2026-06-02T00:00:00+02:00"


def test_the_last_day_is_over_at_amsterdam_midnight_not_utc(client_for):
    job = DraftJobFactory(starts_on=date(2026, 5, 25), ends_on=date(2026, 6, 1))

    # 00:30 in Amsterdam on 2 June is still 1 June in UTC.
    with time_machine.travel(datetime(2026, 6, 2, 0, 30, tzinfo=AMSTERDAM), tick=False):
        response = client_for(job.employer.user).post(f"/api/v1/jobs/{job.pk}/publish/")

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "job_ended"


def test_a_held_job_whose_last_day_moves_later_is_not_closed_at_the_old_one(client_for):
    job = DraftJobFactory(starts_on=date(2026, 6, 2), ends_on=date(2026, 6, 5))
    client = client_for(job.employer.user)
    client.post(f"/api/v1/jobs/{job.pk}/publish/")

    held = client.patch(
        f"/api/v1/jobs/{job.pk}/",
        {"ends_on": "2026-09-30", "description": "Stuur een WhatsApp naar 06 12345678."},
        format="json",
    )

    assert held.status_code == 200
    assert held.json()["status"] == "pending_review"
    assert held.json()["expires_at"] == "2026-07-01T12:00:00+02:00"
    with time_machine.travel(MIDNIGHT_AFTER + timedelta(minutes=6), tick=False):
        assert expire_jobs() == 0
    assert Job.objects.get(pk=job.pk).status == "pending_review"
