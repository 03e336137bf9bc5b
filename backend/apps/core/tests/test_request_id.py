import logging
import uuid

import pytest

pytestmark = pytest.mark.django_db


def test_every_response_carries_a_new_request_id(api_client):
    first = api_client.get("/health/live/")["X-Request-ID"]
    second = api_client.get("/health/live/")["X-Request-ID"]

    assert uuid.UUID(first).hex == first
    assert first != second


def test_a_valid_incoming_request_id_is_kept(api_client):
    incoming = uuid.uuid4().hex

    response = api_client.get("/health/live/", HTTP_X_REQUEST_ID=incoming)

    assert response["X-Request-ID"] == incoming


def test_an_invalid_incoming_request_id_is_replaced(api_client):
    response = api_client.get("/health/live/", HTTP_X_REQUEST_ID="<script>alert(1)</script>")

    assert response["X-Request-ID"] != "<script>alert(1)</script>"
    assert uuid.UUID(response["X-Request-ID"])


def test_log_lines_during_a_request_carry_its_id(api_client, caplog, redis_down):
    from django_guid.log_filters import CorrelationId

    caplog.handler.addFilter(CorrelationId())
    incoming = uuid.uuid4().hex
    with caplog.at_level(logging.ERROR, logger="apps.core.health"):
        api_client.get("/health/", HTTP_X_REQUEST_ID=incoming)

    records = [r for r in caplog.records if r.name == "apps.core.health"]
    assert [r.getMessage() for r in records] == ["health: cache check failed"]
    assert records[0].correlation_id == incoming


def test_a_browser_on_an_allowed_origin_may_read_the_request_id_and_retry_after(api_client):
    response = api_client.get("/health/live/", HTTP_ORIGIN="http://localhost:3000")

    assert response["Access-Control-Allow-Origin"] == "http://localhost:3000"
    assert response["Access-Control-Expose-Headers"] == "X-Request-ID, Retry-After"


def test_no_cors_header_is_sent_to_a_request_without_an_origin(api_client):
    response = api_client.get("/health/live/")

    assert "Access-Control-Expose-Headers" not in response
    assert "Access-Control-Allow-Origin" not in response
