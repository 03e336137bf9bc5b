"""Moderators read the audit trail: newest first, filtered, paginated."""

import datetime
import uuid

import pytest

from apps.safety.tests.factories import AuditEventFactory
from apps.users.tests.factories import ModeratorFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/moderation/audit-events/"
NOON_UTC = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def moderator():
    return ModeratorFactory(email="mod@example.nl")


@pytest.fixture
def moderator_client(client_for, moderator):
    return client_for(moderator)


def ids(response) -> list[str]:
    return [event["id"] for event in response.json()["results"]]


def test_an_event_reads_in_full(moderator_client, moderator):
    event = AuditEventFactory(
        actor=moderator,
        action="employer.rejected",
        target_type="employer",
        target_id="6f1c1d1e-0000-4000-8000-000000000001",
        before={"verification_status": "pending"},
        after={"verification_status": "rejected", "rejection_reason": "Fake KvK"},
        reason="Fake KvK",
        ip="203.0.113.7",
        created_at=NOON_UTC,
    )
    body = {
        "id": str(event.pk),
        "actor": str(moderator.pk),
        "actor_email": "mod@example.nl",
        "action": "employer.rejected",
        "target_type": "employer",
        "target_id": "6f1c1d1e-0000-4000-8000-000000000001",
        "before": {"verification_status": "pending"},
        "after": {"verification_status": "rejected", "rejection_reason": "Fake KvK"},
        "reason": "Fake KvK",
        "ip": "203.0.113.7",
        "created_at": "2026-03-01T13:00:00+01:00",
    }

    listed = moderator_client.get(URL)
    detail = moderator_client.get(f"{URL}{event.pk}/")

    assert listed.status_code == 200
    assert listed.json() == {"count": 1, "next": None, "previous": None, "results": [body]}
    assert detail.status_code == 200
    assert detail.json() == body


def test_a_system_event_has_a_null_actor(moderator_client):
    event = AuditEventFactory(actor=None, action="job.expired", target_type="job")

    response = moderator_client.get(f"{URL}{event.pk}/")

    assert response.status_code == 200
    assert response.json()["actor"] is None
    assert response.json()["actor_email"] == ""


def test_an_unknown_event_is_a_404(moderator_client):
    response = moderator_client.get(f"{URL}{uuid.uuid4()}/")

    assert response.status_code == 404
    assert response.json() == {
        "type": "client_error",
        "errors": [{"code": "not_found", "detail": "Not found.", "attr": None}],
    }


def test_events_come_newest_first(moderator_client):
    older = AuditEventFactory(created_at=NOON_UTC - datetime.timedelta(days=1))
    newest = AuditEventFactory(created_at=NOON_UTC + datetime.timedelta(days=1))
    middle = AuditEventFactory(created_at=NOON_UTC)

    response = moderator_client.get(URL)

    assert response.status_code == 200
    assert ids(response) == [str(newest.pk), str(middle.pk), str(older.pk)]


def test_events_are_paginated(moderator_client):
    events = [
        AuditEventFactory(created_at=NOON_UTC - datetime.timedelta(minutes=n)) for n in range(3)
    ]

    first = moderator_client.get(URL, {"page_size": 2})
    second = moderator_client.get(URL, {"page_size": 2, "page": 2})

    assert first.json()["count"] == 3
    assert first.json()["previous"] is None
    assert (
        first.json()["next"]
        == "http://testserver/api/v1/moderation/audit-events/?page=2&page_size=2"
    )
    assert ids(first) == [str(events[0].pk), str(events[1].pk)]
    assert ids(second) == [str(events[2].pk)]
    assert second.json()["next"] is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"target_type": "job"}, ["job_approved"]),
        ({"target_id": "employer-1"}, ["employer_approved", "employer_suspended"]),
        ({"action": "employer.approved"}, ["employer_approved", "other_employer_approved"]),
        ({"actor": "actor"}, ["employer_suspended", "job_approved"]),
        ({"target_type": "employer", "action": "employer.suspended"}, ["employer_suspended"]),
        (
            {"target_type": "employer", "target_id": "employer-1", "actor": "actor"},
            ["employer_suspended"],
        ),
        ({"action": "employer.verification_reset"}, []),
    ],
)
def test_filters(moderator_client, query, expected):
    actor = ModeratorFactory()
    events = {
        "employer_approved": AuditEventFactory(
            action="employer.approved", target_id="employer-1", created_at=NOON_UTC
        ),
        "employer_suspended": AuditEventFactory(
            actor=actor,
            action="employer.suspended",
            target_id="employer-1",
            created_at=NOON_UTC + datetime.timedelta(hours=1),
        ),
        "other_employer_approved": AuditEventFactory(
            action="employer.approved",
            target_id="employer-2",
            created_at=NOON_UTC - datetime.timedelta(hours=1),
        ),
        "job_approved": AuditEventFactory(
            actor=actor,
            action="job.approved",
            target_type="job",
            target_id="job-1",
            created_at=NOON_UTC - datetime.timedelta(hours=2),
        ),
    }
    if query.get("actor") == "actor":
        query = {**query, "actor": str(actor.pk)}

    response = moderator_client.get(URL, query)

    assert response.status_code == 200
    newest_first = sorted(expected, key=lambda name: events[name].created_at, reverse=True)
    assert ids(response) == [str(events[name].pk) for name in newest_first]
    assert response.json()["count"] == len(expected)


def test_an_actor_without_events_gives_an_empty_page(moderator_client):
    AuditEventFactory()

    response = moderator_client.get(URL, {"actor": str(uuid.uuid4())})

    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize(
    ("query", "error"),
    [
        (
            {"actor": "not-a-uuid"},
            {"code": "invalid", "detail": "Must be a valid UUID.", "attr": "actor"},
        ),
        (
            {"action": "Employer Approved"},
            {
                "code": "invalid",
                "detail": "This value does not match the required pattern.",
                "attr": "action",
            },
        ),
        (
            {"target_type": "employer'; --"},
            {
                "code": "invalid",
                "detail": "This value does not match the required pattern.",
                "attr": "target_type",
            },
        ),
        (
            {"target_id": "x" * 65},
            {
                "code": "max_length",
                "detail": "Ensure this field has no more than 64 characters.",
                "attr": "target_id",
            },
        ),
        (
            {"target_id": "a\x00b"},
            {
                "code": "null_characters_not_allowed",
                "detail": "Null characters are not allowed.",
                "attr": "target_id",
            },
        ),
    ],
)
def test_a_malformed_filter_is_a_400(moderator_client, query, error):
    AuditEventFactory()

    response = moderator_client.get(URL, query)

    assert response.status_code == 400
    assert response.json() == {"type": "validation_error", "errors": [error]}


def test_an_empty_filter_is_no_filter(moderator_client):
    event = AuditEventFactory()

    response = moderator_client.get(
        URL, {"actor": "", "target_id": "", "action": "", "target_type": ""}
    )

    assert response.status_code == 200
    assert ids(response) == [str(event.pk)]


def test_a_malformed_id_is_a_404(moderator_client):
    response = moderator_client.get(f"{URL}12345/")

    assert response.status_code == 404
    assert response.json() == {
        "type": "client_error",
        "errors": [{"code": "not_found", "detail": "Not found.", "attr": None}],
    }


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_costs_the_same_queries_whatever_its_length(
    moderator_client, django_assert_max_num_queries, count
):
    for n in range(count):
        AuditEventFactory(
            actor=ModeratorFactory(), created_at=NOON_UTC - datetime.timedelta(minutes=n)
        )

    # The caller's user, the count, the page.
    with django_assert_max_num_queries(3):
        response = moderator_client.get(URL, {"page_size": 100})

    assert response.status_code == 200
    assert len(response.json()["results"]) == count
