from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from apps.users.models import User
from apps.users.services import jwt_pair_issue
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_access_token_carries_the_user_type_and_lives_ten_minutes():
    user = UserFactory(user_type="employer")
    a_second = timezone.now().replace(microsecond=0) - timedelta(seconds=5)

    # A second turns while the pair is made: both tokens still say they were issued at once.
    with time_machine.travel(a_second - timedelta(microseconds=100), tick=True):
        pair = jwt_pair_issue(user=user)

    access = AccessToken(pair["access"])
    refresh = RefreshToken(pair["refresh"])
    assert access["user_type"] == "employer"
    assert access["user_id"] == str(user.pk)
    assert access["exp"] - access["iat"] == 10 * 60
    assert refresh["exp"] - refresh["iat"] == 14 * 24 * 60 * 60


def test_a_deactivated_user_can_neither_refresh_nor_use_an_access_token(api_client):
    user = UserFactory()
    pair = jwt_pair_issue(user=user)
    User.objects.filter(pk=user.pk).update(is_active=False)

    refreshed = api_client.post(
        "/api/v1/auth/token/refresh/", {"refresh": pair["refresh"]}, format="json"
    )
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {pair['access']}")
    me = api_client.get("/api/v1/users/me/")

    assert refreshed.status_code == 401
    assert me.status_code == 401


def test_a_deleted_users_refresh_token_is_refused_without_an_error(api_client):
    user = UserFactory()
    refresh = jwt_pair_issue(user=user)["refresh"]
    User.objects.filter(pk=user.pk).delete()

    response = api_client.post("/api/v1/auth/token/refresh/", {"refresh": refresh}, format="json")

    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "no_active_account"
    assert not BlacklistedToken.objects.exists()


def test_a_rotated_pair_carries_the_users_type_as_it_is_now(api_client):
    user = UserFactory(user_type="candidate")
    refresh = jwt_pair_issue(user=user)["refresh"]
    User.objects.filter(pk=user.pk).update(user_type="employer")

    response = api_client.post("/api/v1/auth/token/refresh/", {"refresh": refresh}, format="json")

    assert response.status_code == 200
    assert AccessToken(response.json()["access"])["user_type"] == "employer"
    assert RefreshToken(response.json()["refresh"])["user_type"] == "employer"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_refreshes_of_one_token_give_exactly_one_new_pair(race):
    user = UserFactory()
    refresh = jwt_pair_issue(user=user)["refresh"]

    def rotate() -> int:
        response = APIClient().post(
            "/api/v1/auth/token/refresh/", {"refresh": refresh}, format="json"
        )
        return response.status_code

    statuses = race(rotate, rotate)

    assert sorted(statuses) == [200, 401]
    assert (
        BlacklistedToken.objects.filter(
            token__jti=RefreshToken(refresh, verify=False)["jti"]
        ).count()
        == 1
    )
    assert OutstandingToken.objects.filter(user=user).count() == 2


def test_a_used_refresh_token_is_refused_and_issues_nothing(api_client):
    refresh = jwt_pair_issue(user=UserFactory())["refresh"]
    api_client.post("/api/v1/auth/token/refresh/", {"refresh": refresh}, format="json")
    before = (OutstandingToken.objects.count(), BlacklistedToken.objects.count())

    again = api_client.post("/api/v1/auth/token/refresh/", {"refresh": refresh}, format="json")

    assert again.status_code == 401
    assert again.json()["errors"][0]["code"] == "token_not_valid"
    assert (OutstandingToken.objects.count(), BlacklistedToken.objects.count()) == before


def test_a_garbage_refresh_token_is_refused(api_client):
    response = api_client.post(
        "/api/v1/auth/token/refresh/", {"refresh": "not-a-jwt"}, format="json"
    )

    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "token_not_valid"


def test_logout_refuses_another_users_refresh_token(client_for):
    me, other = UserFactory(), UserFactory()
    others = jwt_pair_issue(user=other)["refresh"]

    response = client_for(me).post("/api/v1/auth/logout/", {"refresh": others}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0] == {
        "code": "invalid_token",
        "detail": "This token is invalid or has expired.",
        "attr": "refresh",
    }
    assert (
        client_for(None)
        .post("/api/v1/auth/token/refresh/", {"refresh": others}, format="json")
        .status_code
        == 200
    )


@pytest.mark.parametrize("refresh", ["garbage", ""])
def test_logout_with_a_bad_token_is_a_400(client_for, refresh):
    response = client_for(UserFactory()).post(
        "/api/v1/auth/logout/", {"refresh": refresh}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "refresh"


def test_logout_twice_is_refused_the_second_time(client_for):
    user = UserFactory()
    refresh = jwt_pair_issue(user=user)["refresh"]
    client = client_for(user)

    first = client.post("/api/v1/auth/logout/", {"refresh": refresh}, format="json")
    second = client.post("/api/v1/auth/logout/", {"refresh": refresh}, format="json")

    assert (first.status_code, second.status_code) == (204, 400)


@pytest.mark.parametrize(
    ("token", "detail"),
    [("garbage", "Token is invalid"), ("expired", "Token is expired")],
)
def test_a_bad_access_token_is_one_401_error_saying_why(api_client, token, detail):
    if token == "expired":
        user: User = UserFactory()
        access = AccessToken.for_user(user)
        access.set_exp(lifetime=timedelta(seconds=-1))
        token = str(access)
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    response = api_client.get("/api/v1/users/me/")

    assert response.status_code == 401
    assert response.json() == {
        "type": "client_error",
        "errors": [{"code": "token_not_valid", "detail": detail, "attr": None}],
    }
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    ("header", "code", "detail"),
    [
        (
            "Bearer",
            "bad_authorization_header",
            "Authorization header must contain two space-delimited values",
        ),
        (
            "Bearer a b",
            "bad_authorization_header",
            "Authorization header must contain two space-delimited values",
        ),
        ("inactive", "user_inactive", "User is inactive"),
    ],
)
def test_every_refused_credential_is_one_401_error(api_client, header, code, detail):
    if header == "inactive":
        header = f"Bearer {jwt_pair_issue(user=UserFactory(is_active=False))['access']}"
    api_client.credentials(HTTP_AUTHORIZATION=header)

    response = api_client.get("/api/v1/users/me/")

    assert response.status_code == 401
    assert response.json() == {
        "type": "client_error",
        "errors": [{"code": code, "detail": detail, "attr": None}],
    }
