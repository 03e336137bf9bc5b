"""The admin shows profiles, jobs and applications; only the services change them.

A change form would skip validation, screening, locks, the search cache, the
emails and the audit trail. Superusers included.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import Model
from django.test import Client

from apps.applications.tests.factories import ApplicationFactory
from apps.candidates.tests.factories import CandidateProfileFactory
from apps.jobs.models import MinimumWage, SavedJob
from apps.jobs.tests.factories import JobFactory
from apps.notifications.models import Notification
from apps.safety.models import AuditEvent
from apps.users.models import User

pytestmark = pytest.mark.django_db


def saved_job() -> SavedJob:
    return SavedJob.objects.create(candidate=CandidateProfileFactory(), job=JobFactory())


def notification() -> Notification:
    return Notification.objects.create(
        user=CandidateProfileFactory().user, kind="application", title="Je sollicitatie"
    )


RECORDS: dict[str, tuple[Callable[[], Any], dict[str, Any]]] = {
    "candidates/candidateprofile": (
        CandidateProfileFactory,
        {"first_name": "X", "date_of_birth": "2020-01-01", "skills": "UPPER,UPPER"},
    ),
    "jobs/job": (JobFactory, {"title": "Bel ons op WhatsApp", "hourly_wage": "1.00"}),
    "jobs/savedjob": (saved_job, {}),
    "jobs/minimumwage": (MinimumWage.objects.first, {"hourly_amount": "1.00"}),
    "applications/application": (ApplicationFactory, {"status": "hired"}),
    "notifications/notification": (notification, {"title": "Betaal eerst €50"}),
}


@pytest.fixture
def superuser_client() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("root@example.nl"))
    return client


def row(record: Model) -> dict[str, Any]:
    return type(record)._default_manager.values().get(pk=record.pk)


@pytest.mark.parametrize("path", RECORDS)
def test_the_admin_shows_a_record_and_changes_nothing(superuser_client, path):
    make, edits = RECORDS[path]
    record = make()
    before = row(record)
    url = f"/admin/{path}/"

    listed = superuser_client.get(url)
    page = superuser_client.get(f"{url}{record.pk}/change/")
    changed = superuser_client.post(f"{url}{record.pk}/change/", edits)
    added = superuser_client.get(f"{url}add/")
    deleted = superuser_client.post(f"{url}{record.pk}/delete/", {"post": "yes"})

    assert (listed.status_code, page.status_code) == (200, 200)
    assert not [name for name in edits if f'name="{name}"' in page.content.decode()]
    assert (changed.status_code, added.status_code, deleted.status_code) == (403, 403, 403)
    assert row(record) == before
    assert not AuditEvent.objects.exists()
