"""Retention finds an application's notifications by an index, not by reading them all."""

import json
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.notifications.models import Notification
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_notifications_of_applications_are_read_by_their_index():
    user = UserFactory()
    Notification.objects.bulk_create(
        Notification(user=user, kind="x", title="t", data={"application": str(uuid.uuid4())})
        for _ in range(5000)
    )
    wanted = [str(uuid.uuid4()), str(uuid.uuid4())]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE notifications_notification")

    with CaptureQueriesContext(connection) as context:
        list(Notification.objects.filter(data__application__in=wanted).exclude(body=""))
    [statement] = [q["sql"] for q in context.captured_queries]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {statement}")
        plan = json.dumps(cursor.fetchone()[0])

    assert "notifications_application" in plan
    assert "Seq Scan" not in plan
