"""A person signs up and in with only an email, end to end through the API."""

import logging

import pytest
from django.core import mail

from apps.users.models import User
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_sign_up_sign_in_refresh_and_sign_out(
    api_client, django_capture_on_commit_callbacks, sent_magic_token
):
    with django_capture_on_commit_callbacks(execute=True):
        asked = api_client.post(
            "/api/v1/auth/magic-link/",
            {"email": "kasia@example.nl", "user_type": "candidate"},
            format="json",
        )
    assert asked.status_code == 202

    verified = api_client.post(
        "/api/v1/auth/magic-link/verify/", {"token": sent_magic_token()}, format="json"
    )
    assert verified.status_code == 200
    tokens = verified.json()

    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    me = api_client.get("/api/v1/users/me/")
    assert me.status_code == 200
    assert me.json()["email"] == "kasia@example.nl"
    assert me.json()["user_type"] == "candidate"
    assert me.json()["email_verified"] is True

    refreshed = api_client.post(
        "/api/v1/auth/token/refresh/", {"refresh": tokens["refresh"]}, format="json"
    )
    assert refreshed.status_code == 200
    rotated = refreshed.json()
    assert set(rotated) == {"access", "refresh"}
    assert rotated["refresh"] != tokens["refresh"]

    old_again = api_client.post(
        "/api/v1/auth/token/refresh/", {"refresh": tokens["refresh"]}, format="json"
    )
    assert old_again.status_code == 401
    assert old_again.json()["errors"][0]["code"] == "token_not_valid"

    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {rotated['access']}")
    logout = api_client.post("/api/v1/auth/logout/", {"refresh": rotated["refresh"]}, format="json")
    assert logout.status_code == 204

    after_logout = api_client.post(
        "/api/v1/auth/token/refresh/", {"refresh": rotated["refresh"]}, format="json"
    )
    assert after_logout.status_code == 401
    assert User.objects.get().email_verified is True


def test_no_enumeration_known_and_unknown_emails_answer_alike(
    api_client, django_capture_on_commit_callbacks
):
    UserFactory(email="known@example.nl")

    with django_capture_on_commit_callbacks(execute=True):
        known = api_client.post(
            "/api/v1/auth/magic-link/", {"email": "known@example.nl"}, format="json"
        )
        unknown = api_client.post(
            "/api/v1/auth/magic-link/", {"email": "unknown@example.nl"}, format="json"
        )

    assert known.status_code == unknown.status_code == 202
    assert known.content == unknown.content
    assert {k: v for k, v in known.items() if k != "X-Request-ID"} == {
        k: v for k, v in unknown.items() if k != "X-Request-ID"
    }
    assert len(mail.outbox) == 2


def test_the_token_never_appears_in_a_log_line(
    api_client, django_capture_on_commit_callbacks, sent_magic_token, caplog
):
    UserFactory(email="known@example.nl")
    with caplog.at_level(logging.DEBUG):
        with django_capture_on_commit_callbacks(execute=True):
            api_client.post(
                "/api/v1/auth/magic-link/", {"email": "known@example.nl"}, format="json"
            )
        token = sent_magic_token()
        api_client.post("/api/v1/auth/magic-link/verify/", {"token": token}, format="json")
        api_client.post("/api/v1/auth/magic-link/verify/", {"token": token}, format="json")

    assert caplog.records
    assert all(token not in record.getMessage() for record in caplog.records)
    assert token not in caplog.text
