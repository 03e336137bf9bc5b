"""Throttles count in the real Redis; when Redis is gone they let requests through."""

import pytest
from django.core import mail

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("throttle_window")]

URL = "/api/v1/auth/magic-link/"


def from_fresh_addresses(api_client, bodies: list[dict], network: str) -> list[int]:
    """The statuses of the bodies posted each from another address of the /24 `network`."""
    return [
        api_client.post(URL, body, format="json", REMOTE_ADDR=f"{network}.{i + 2}").status_code
        for i, body in enumerate(bodies)
    ]


def test_five_requests_per_email_per_hour(api_client):
    statuses = from_fresh_addresses(api_client, [{"email": "sanne@example.nl"}] * 6, "127.0.0")

    assert statuses == [202] * 5 + [429]


def test_the_email_limit_ignores_case(api_client):
    for _ in range(5):
        api_client.post(URL, {"email": "sanne@example.nl"}, format="json")

    response = api_client.post(URL, {"email": "SANNE@example.NL"}, format="json")

    assert response.status_code == 429


def test_throttled_answer_has_retry_after_and_the_standard_shape(api_client):
    for _ in range(5):
        api_client.post(URL, {"email": "sanne@example.nl"}, format="json")

    response = api_client.post(URL, {"email": "sanne@example.nl"}, format="json")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    body = response.json()
    assert body["type"] == "client_error"
    assert body["errors"][0]["code"] == "throttled"


def test_twenty_requests_per_ip_per_minute(api_client):
    statuses = [
        api_client.post(URL, {"email": f"person{i}@example.nl"}, format="json").status_code
        for i in range(21)
    ]

    assert statuses == [202] * 20 + [429]


def test_a_forged_forwarded_for_header_does_not_escape_the_ip_limit(api_client):
    statuses = [
        api_client.post(
            URL,
            {"email": f"person{i}@example.nl"},
            format="json",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}",
            HTTP_X_REAL_IP=f"198.51.100.{i}",
        ).status_code
        for i in range(21)
    ]

    assert statuses == [202] * 20 + [429]


def test_another_ip_is_not_held_back(api_client):
    for i in range(20):
        api_client.post(URL, {"email": f"person{i}@example.nl"}, format="json")

    response = api_client.post(
        URL, {"email": "fresh@example.nl"}, format="json", REMOTE_ADDR="127.9.9.9"
    )

    assert response.status_code == 202


def test_requests_refused_per_ip_do_not_use_up_the_addresses_budget(api_client):
    for i in range(20):
        api_client.post(URL, {"email": f"person{i}@example.nl"}, format="json")
    refused = [
        api_client.post(URL, {"email": "sanne@example.nl"}, format="json").status_code
        for _ in range(10)
    ]

    statuses = from_fresh_addresses(api_client, [{"email": "sanne@example.nl"}] * 6, "127.0.1")

    assert refused == [429] * 10
    assert statuses == [202] * 5 + [429]


def test_refused_requests_do_not_use_up_the_addresses_budget(api_client):
    refused = from_fresh_addresses(
        api_client,
        [{"email": "sanne@example.nl", "user_type": "admin"}] * 5
        + [{"email": "Sanne@example.nl", "is_staff": True}] * 5,
        "127.0.2",
    )

    statuses = from_fresh_addresses(api_client, [{"email": "sanne@example.nl"}] * 6, "127.0.3")

    assert refused == [400] * 10
    assert statuses == [202] * 5 + [429]


def test_rates_come_from_the_settings(api_client, monkeypatch):
    from apps.users.throttles import MagicLinkEmailThrottle

    monkeypatch.setattr(MagicLinkEmailThrottle, "THROTTLE_RATES", {"magic_link_email": "1/hour"})

    statuses = [
        api_client.post(URL, {"email": "sanne@example.nl"}, format="json").status_code
        for _ in range(2)
    ]

    assert statuses == [202, 429]


def test_sign_in_still_works_when_redis_is_down(
    api_client, settings, django_capture_on_commit_callbacks, caplog
):
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:9/0"}
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(URL, {"email": "nobody@example.nl"}, format="json")

    assert response.status_code == 202
    assert len(mail.outbox) == 1
    assert "could not count; letting the request through" in caplog.text
