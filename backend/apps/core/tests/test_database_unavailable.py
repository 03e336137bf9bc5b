"""A database out of reach answers 503 `service_unavailable` with Retry-After, not 500."""

import secrets
import time

import pytest
from django.db import OperationalError, connection

from apps.core.exceptions import database_unreachable
from apps.core.testing.server import image_server

UNAVAILABLE = {
    "type": "server_error",
    "errors": [
        {
            "code": "service_unavailable",
            "detail": "The service is unavailable for a moment; try again shortly.",
            "attr": None,
        }
    ],
}


@pytest.fixture
def database_refuses(closed_port):
    """The test's connection closed and pointed at a port where nothing listens."""
    connection.close()
    port = connection.settings_dict["PORT"]
    connection.settings_dict["PORT"] = str(closed_port)
    try:
        yield
    finally:
        connection.settings_dict["PORT"] = port
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_an_api_request_answers_503_when_the_database_refuses(api_client, database_refuses):
    # A 5xx is reported (got_request_exception, for error monitoring), which the test
    # client would otherwise raise again.
    api_client.raise_request_exception = False

    response = api_client.get("/api/v1/jobs/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json() == UNAVAILABLE


@pytest.mark.django_db
def test_a_query_s_own_error_is_not_an_unreachable_database():
    with pytest.raises(OperationalError) as error, connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 1; SELECT pg_sleep(1)")

    assert database_unreachable(error.value) is False


@pytest.mark.slow
def test_production_answers_503_once_the_pool_gave_no_connection(tmp_path, closed_port):
    with image_server(
        log=tmp_path / "server.log",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="api.example.org",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port}/safejob",
    ) as server:
        started = time.monotonic()
        response = server.get(
            "/api/v1/jobs/", Host="api.example.org", **{"X-Forwarded-Proto": "https"}
        )
        waited = time.monotonic() - started

    assert response.status == 503
    assert response.getheader("Retry-After") == "5"
    assert len(response.getheader("X-Request-ID", "")) == 32
    assert response.json() == UNAVAILABLE
    assert 3 <= waited < 8  # DB_POOL_TIMEOUT, 3 s
