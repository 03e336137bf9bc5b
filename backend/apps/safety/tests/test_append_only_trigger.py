"""The database itself refuses to change or remove an audit event."""

import pytest
from django.db import IntegrityError, connection, transaction

from apps.safety.models import AuditEvent
from apps.safety.tests.factories import AuditEventFactory
from apps.users.models import User
from apps.users.tests.factories import ModeratorFactory

pytestmark = pytest.mark.django_db

REFUSED = "audit events are append-only"


def rows() -> list[dict]:
    return list(AuditEvent.objects.order_by("pk").values())


def test_a_raw_update_of_the_reason_is_refused():
    event = AuditEventFactory(reason="Fake KvK extract.")
    before = rows()

    with (
        connection.cursor() as cursor,
        pytest.raises(IntegrityError, match=REFUSED),
        transaction.atomic(),
    ):
        cursor.execute(
            "UPDATE safety_auditevent SET reason = %s WHERE id = %s", ["nothing", event.pk]
        )

    assert rows() == before


def test_a_raw_delete_is_refused():
    event = AuditEventFactory()
    before = rows()

    with (
        connection.cursor() as cursor,
        pytest.raises(IntegrityError, match=REFUSED),
        transaction.atomic(),
    ):
        cursor.execute("DELETE FROM safety_auditevent WHERE id = %s", [event.pk])

    assert rows() == before


def test_the_orm_cannot_edit_or_delete_either():
    event = AuditEventFactory(reason="Fake KvK extract.")
    before = rows()

    event.reason = "nothing"
    with pytest.raises(IntegrityError, match=REFUSED), transaction.atomic():
        event.save()
    with pytest.raises(IntegrityError, match=REFUSED), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(after={})
    with pytest.raises(IntegrityError, match=REFUSED), transaction.atomic():
        AuditEvent.objects.all().delete()

    assert rows() == before


def test_clearing_the_actor_together_with_another_field_is_refused():
    event = AuditEventFactory()
    before = rows()

    with pytest.raises(IntegrityError, match=REFUSED), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor=None, actor_email="")

    assert rows() == before


def test_pointing_the_event_at_another_actor_is_refused():
    event = AuditEventFactory()
    before = rows()

    with pytest.raises(IntegrityError, match=REFUSED), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor=ModeratorFactory())

    assert rows() == before


def test_erasing_the_actor_keeps_the_event_and_who_it_was():
    moderator = ModeratorFactory(email="gone@example.nl")
    event = AuditEventFactory(actor=moderator, reason="Fake KvK extract.")
    other = AuditEventFactory()
    expected = {**AuditEvent.objects.values().get(pk=event.pk), "actor_id": None}

    moderator.delete()

    assert not User.objects.filter(email="gone@example.nl").exists()
    assert AuditEvent.objects.values().get(pk=event.pk) == expected
    assert expected["actor_email"] == "gone@example.nl"
    assert AuditEvent.objects.get(pk=other.pk).actor_id == other.actor.pk
