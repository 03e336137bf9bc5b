"""Who may call each endpoint of accounts and sign-in (Saleor-style matrix)."""

import pytest
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from apps.users.models import MagicLinkToken, PhoneVerification, User

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "candidate",
    "other_candidate",
    "employer",
    "other_employer",
    "unverified_employer",
    "moderator",
]
SIGNED_IN = {actor: None for actor in ACTORS if actor != "anonymous"}


def expect(anonymous: int, signed_in: int) -> dict[str, int]:
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, signed_in)}


def database_state() -> tuple:
    return (
        list(User.objects.order_by("pk").values()),
        MagicLinkToken.objects.count(),
        PhoneVerification.objects.count(),
        OutstandingToken.objects.count(),
        BlacklistedToken.objects.count(),
    )


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    [
        ("post", "/api/v1/auth/magic-link/", {"email": "someone@example.nl"}, expect(202, 202)),
        ("post", "/api/v1/auth/magic-link/verify/", {"token": "a" * 43}, expect(400, 400)),
        ("post", "/api/v1/auth/token/refresh/", {"refresh": "x"}, expect(401, 401)),
        ("post", "/api/v1/auth/logout/", {"refresh": "x"}, expect(401, 400)),
        ("get", "/api/v1/users/me/", None, expect(401, 200)),
        ("patch", "/api/v1/users/me/", {"preferred_language": "nl"}, expect(401, 200)),
        ("post", "/api/v1/users/me/phone/", {"phone_number": "0612345678"}, expect(401, 202)),
        ("post", "/api/v1/users/me/phone/verify/", {"code": "123456"}, expect(401, 400)),
    ],
)
def test_permission_matrix(actors, client_for, actor, method, path, body, expected):
    client = client_for(actors[actor])  # signs in first: its own token is not the request's doing
    before = database_state()

    response = getattr(client, method)(path, body, format="json")

    assert response.status_code == expected[actor]
    if response.status_code >= 400:
        assert database_state() == before
    if response.status_code == 401 and path != "/api/v1/auth/token/refresh/":
        assert response.json()["errors"][0]["code"] == "not_authenticated"


@pytest.mark.parametrize("actor", list(SIGNED_IN))
def test_me_is_always_the_callers_own_account(actors, client_for, actor):
    response = client_for(actors[actor]).get("/api/v1/users/me/")

    assert response.json()["id"] == str(actors[actor].pk)


def test_a_token_sent_to_the_public_endpoints_is_ignored_not_refused(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-jwt")

    response = api_client.post("/api/v1/auth/magic-link/", {"email": "x@example.nl"}, format="json")

    assert response.status_code == 202
