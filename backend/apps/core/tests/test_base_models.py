import uuid
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from apps.core.tests.testapp.models import Widget
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_ids_are_random_uuids():
    first = Widget.objects.create(name="a")
    second = Widget.objects.create(name="b")

    assert isinstance(first.pk, uuid.UUID)
    assert first.pk.version == 4
    assert first.pk != second.pk


def test_timestamps_are_set_on_create_and_update_moves_only_updated_at():
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        widget = Widget.objects.create(name="a")
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        widget.name = "b"
        widget.save(update_fields=["name", "updated_at"])

    widget.refresh_from_db()
    assert widget.created_at == start
    assert widget.updated_at == start + timedelta(hours=1)


def test_newest_first_by_default():
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=1), tick=False):
        older = Widget.objects.create(name="older")
    with time_machine.travel(now, tick=False):
        newer = Widget.objects.create(name="newer")

    assert list(Widget.objects.all()) == [newer, older]


def test_auditable_model_remembers_who_and_survives_their_deletion():
    author = UserFactory()
    editor = UserFactory()
    widget = Widget.objects.create(name="a", created_by=author, updated_by=author)
    widget.updated_by = editor
    widget.save(update_fields=["updated_by", "updated_at"])

    widget.refresh_from_db()
    assert (widget.created_by, widget.updated_by) == (author, editor)

    author.delete()
    widget.refresh_from_db()
    assert widget.created_by is None
    assert widget.updated_by == editor
