"""The database keeps a hash of each refresh token, never the token: a copy of it signs nobody in."""

import hashlib
import importlib

import pytest
from django.apps import apps as django_apps
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from apps.users.models import User
from apps.users.services import jwt_pair_issue
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("apps.users.migrations.0006_outstanding_token_hashes")

REFRESH = "/api/v1/auth/token/refresh/"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_signing_in_refreshing_and_out_stores_only_hashes(
    api_client, client_for, django_capture_on_commit_callbacks, sent_magic_token
):
    with django_capture_on_commit_callbacks(execute=True):
        api_client.post(
            "/api/v1/auth/magic-link/",
            {"email": "kasia@example.nl", "user_type": "candidate"},
            format="json",
        )
    signed_in = api_client.post(
        "/api/v1/auth/magic-link/verify/", {"token": sent_magic_token()}, format="json"
    ).json()
    rotated = api_client.post(REFRESH, {"refresh": signed_in["refresh"]}, format="json").json()
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {rotated['access']}")
    logout = api_client.post("/api/v1/auth/logout/", {"refresh": rotated["refresh"]}, format="json")

    assert logout.status_code == 204
    stored = sorted(OutstandingToken.objects.values_list("token", flat=True))
    assert stored == sorted([sha256(signed_in["refresh"]), sha256(rotated["refresh"])])
    assert BlacklistedToken.objects.count() == 2


def test_a_refresh_token_without_a_stored_row_is_claimed_by_its_hash(api_client):
    user = UserFactory()
    refresh = jwt_pair_issue(user=user)["refresh"]
    OutstandingToken.objects.all().delete()

    first = api_client.post(REFRESH, {"refresh": refresh}, format="json")
    again = api_client.post(REFRESH, {"refresh": refresh}, format="json")

    assert (first.status_code, again.status_code) == (200, 401)
    assert OutstandingToken.objects.get(jti=RefreshToken(refresh, verify=False)["jti"]).token == (
        sha256(refresh)
    )


def test_the_migration_hashes_the_tokens_stored_whole_and_they_still_rotate_once(api_client):
    user: User = UserFactory()
    refresh = str(RefreshToken.for_user(user))  # simplejwt's own: stores the token whole
    hashed = OutstandingToken.objects.create(
        user=user, jti="already-hashed", token=sha256("x"), expires_at="2099-01-01T00:00Z"
    )

    MIGRATION.forwards(django_apps, None)

    row = OutstandingToken.objects.get(jti=RefreshToken(refresh, verify=False)["jti"])
    assert row.token == sha256(refresh)
    assert OutstandingToken.objects.get(pk=hashed.pk).token == sha256("x")
    first = api_client.post(REFRESH, {"refresh": refresh}, format="json")
    again = api_client.post(REFRESH, {"refresh": refresh}, format="json")
    assert (first.status_code, again.status_code) == (200, 401)
