import threading

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from apps.core import health

pytestmark = pytest.mark.django_db


def test_healthy_when_database_and_redis_answer(api_client):
    response = api_client.get("/health/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "healthy"
    assert body["service"] == "safe-job-backend"
    assert body["version"] == settings.APP_VERSION
    assert body["checks"] == {"database": True, "cache": True}
    assert body["timestamp"]


def test_unhealthy_when_redis_is_unreachable(api_client, redis_down):
    response = api_client.get("/health/")

    assert response.status_code == 503
    assert response.json()["status"] == "unhealthy"
    assert response.json()["checks"] == {"database": True, "cache": False}


def test_unhealthy_when_database_is_unreachable(api_client, database_down):
    response = api_client.get("/health/")

    assert response.status_code == 503
    assert response.json()["status"] == "unhealthy"
    assert response.json()["checks"] == {"database": False, "cache": True}


def test_live_answers_while_the_process_serves(api_client, redis_down):
    response = api_client.get("/health/live/")

    assert response.status_code == 200
    assert response.json()["status"] == "healthy"


def test_ready_when_database_reachable_and_migrated(api_client):
    response = api_client.get("/health/ready/")

    assert response.status_code == 200
    assert response.json()["checks"] == {"database": True, "migrations": True}


def test_not_ready_without_database(api_client, database_down):
    response = api_client.get("/health/ready/")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": False, "migrations": False}


def test_not_ready_with_unapplied_migrations(api_client):
    # Rolled back with the test's transaction.
    [(app, name)] = MigrationLoader(connection).graph.leaf_nodes("users")
    MigrationRecorder(connection).record_unapplied(app, name)

    response = api_client.get("/health/ready/")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": True, "migrations": False}


def test_probes_are_not_throttled(api_client, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/hour"})
    statuses = {api_client.get("/health/live/").status_code for _ in range(3)}

    assert statuses == {200}


def test_the_database_probe_connects_with_the_apps_options(api_client, monkeypatch):
    # A session option the primary cannot meet: the app could not work this way either.
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "target_session_attrs", "standby")

    response = api_client.get("/health/")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": False, "cache": True}


def test_the_probes_are_in_flight_together():
    both_started = threading.Barrier(2, timeout=10)

    def probe() -> bool:
        both_started.wait()  # one after the other, the first would wait here in vain
        return True

    assert health.run_probes({"a": probe, "b": probe}) == {"a": True, "b": True}
