"""Recording an event: JSON-safe values, only the changed fields, the actor's email kept."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.safety.models import AuditEvent
from apps.safety.services import audit_event_record, changed_fields, json_safe
from apps.users.tests.factories import ModeratorFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = datetime.timezone(datetime.timedelta(hours=1))


def test_records_who_what_when_and_why():
    moderator = ModeratorFactory(email="mod@example.nl")
    employer_id = uuid.uuid4()

    event = audit_event_record(
        actor=moderator,
        action="employer.rejected",
        target_type="employer",
        target_id=employer_id,
        before={"verification_status": "pending"},
        after={"verification_status": "rejected"},
        reason="The KvK number belongs to another company.",
        ip="203.0.113.7",
    )

    stored = AuditEvent.objects.get()
    assert stored == event
    assert stored.actor_id == moderator.pk
    assert stored.actor_email == "mod@example.nl"
    assert stored.action == "employer.rejected"
    assert stored.target_type == "employer"
    assert stored.target_id == str(employer_id)
    assert stored.before == {"verification_status": "pending"}
    assert stored.after == {"verification_status": "rejected"}
    assert stored.reason == "The KvK number belongs to another company."
    assert stored.ip == "203.0.113.7"
    assert stored.created_at is not None


def test_a_system_action_has_no_actor():
    event = audit_event_record(
        actor=None, action="job.expired", target_type="job", target_id=42, ip=""
    )

    event.refresh_from_db()
    assert event.actor_id is None
    assert event.actor_email == ""
    assert event.target_id == "42"
    assert event.before == {}
    assert event.after == {}
    assert event.reason == ""
    assert event.ip is None


def test_values_are_stored_json_safe():
    when = datetime.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=AMSTERDAM)
    some_id = uuid.UUID("8c5f2c9e-3b7a-4c1e-9d2f-0a1b2c3d4e5f")

    event = audit_event_record(
        actor=None,
        action="job.approved",
        target_type="job",
        target_id=some_id,
        before={"hourly_wage": Decimal("14.40"), "starts_on": datetime.date(2026, 3, 2)},
        after={
            "hourly_wage": Decimal("15.50"),
            "published_at": when,
            "owner": some_id,
            "tags": ("night", Decimal("1E+1")),
            "nested": {"at": datetime.time(8, 0), "shift": datetime.timedelta(hours=8)},
        },
    )

    event.refresh_from_db()
    assert event.before == {"hourly_wage": "14.40", "starts_on": "2026-03-02"}
    assert event.after == {
        "hourly_wage": "15.50",
        "published_at": "2026-03-01T09:30:15.123456+01:00",
        "owner": "8c5f2c9e-3b7a-4c1e-9d2f-0a1b2c3d4e5f",
        "tags": ["night", "10"],
        "nested": {"at": "08:00:00", "shift": "P0DT08H00M00S"},
    }


def test_json_safe_keeps_json_types_and_turns_models_into_their_pk():
    moderator = ModeratorFactory()

    assert json_safe({"a": None, "b": True, "c": 3, "d": 1.5, "e": "x", "f": moderator}) == {
        "a": None,
        "b": True,
        "c": 3,
        "d": 1.5,
        "e": "x",
        "f": str(moderator.pk),
    }
    assert json_safe({"skills": {"welding", "forklift"}}) == {"skills": ["forklift", "welding"]}
    assert json_safe([float("nan"), float("inf")]) == ["nan", "inf"]


def test_json_safe_refuses_what_it_cannot_represent():
    with pytest.raises(TypeError, match="bytes cannot be recorded in the audit trail"):
        json_safe({"file": b"%PDF"})


def test_a_malformed_action_is_refused_and_nothing_is_recorded():
    with pytest.raises(ValidationError) as error:
        audit_event_record(
            actor=None, action="Employer Approved", target_type="employer", target_id="1"
        )

    assert error.value.message_dict == {
        "action": ["An action is lowercase words joined by dots, such as `employer.approved`."]
    }
    assert AuditEvent.objects.count() == 0


def test_a_malformed_ip_is_refused():
    with pytest.raises(ValidationError) as error:
        audit_event_record(
            actor=None, action="job.approved", target_type="job", target_id="1", ip="not-an-ip"
        )

    assert list(error.value.message_dict) == ["ip"]
    assert AuditEvent.objects.count() == 0


def test_changed_fields_keeps_only_the_keys_that_differ():
    before = {"company_name": "Bakkerij Jansen", "kvk_number": "12345678", "city": "Utrecht"}
    after = {"company_name": "Bakkerij Jansen BV", "kvk_number": "12345678", "city": "Utrecht"}

    assert changed_fields(before, after) == (
        {"company_name": "Bakkerij Jansen"},
        {"company_name": "Bakkerij Jansen BV"},
    )


def test_changed_fields_keeps_keys_present_on_one_side_only():
    assert changed_fields(
        {"rejection_reason": "Fake KvK", "city": "Delft"}, {"city": "Delft", "verified_at": None}
    ) == (
        {"rejection_reason": "Fake KvK"},
        {"verified_at": None},
    )


def test_changed_fields_compares_values_not_their_spelling():
    assert changed_fields({"hourly_wage": Decimal("15.5")}, {"hourly_wage": Decimal("15.50")}) == (
        {},
        {},
    )


def test_changed_fields_sees_a_change_to_or_from_none():
    assert changed_fields({"verified_at": None}, {"verified_at": "2026-01-01"}) == (
        {"verified_at": None},
        {"verified_at": "2026-01-01"},
    )


def test_a_reason_holding_a_bsn_is_never_kept():
    with pytest.raises(ValidationError) as exc:
        audit_event_record(
            actor=ModeratorFactory(),
            action="employer.rejected",
            target_type="employer",
            target_id=uuid.uuid4(),
            reason="BSN 111.222.333 on the extract.",
        )

    assert exc.value.error_dict["reason"][0].code == "contains_bsn"
    assert not AuditEvent.objects.exists()
