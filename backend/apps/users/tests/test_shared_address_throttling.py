"""Token refreshes and links followed have limits of their own, not the anonymous one."""

import pytest
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken

from apps.core.throttling import SlidingWindowThrottle
from apps.users import services
from apps.users.models import MagicLinkToken
from apps.users.services import jwt_pair_issue
from apps.users.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("throttle_window")]

URL = "/api/v1/auth/token/refresh/"
VERIFY = "/api/v1/auth/magic-link/verify/"


@pytest.fixture
def rates(monkeypatch):
    def set_rates(**scopes):
        rates = {**SlidingWindowThrottle.THROTTLE_RATES, **scopes}
        monkeypatch.setattr(SlidingWindowThrottle, "THROTTLE_RATES", rates)

    return set_rates


def refresh(api_client, token: str) -> tuple[int, dict]:
    response = api_client.post(URL, {"refresh": token}, format="json")
    return response.status_code, response.json()


def test_many_accounts_behind_one_address_are_not_held_by_the_anonymous_limit(api_client, rates):
    rates(anon="2/hour", token_refresh_ip="100/hour", token_refresh_user="2/hour")
    tokens = [jwt_pair_issue(user=UserFactory())["refresh"] for _ in range(5)]

    statuses = [refresh(api_client, token)[0] for token in tokens]

    assert statuses == [200] * 5


def test_one_account_refreshes_so_often_an_hour(api_client, rates):
    rates(token_refresh_user="2/hour")
    token = jwt_pair_issue(user=UserFactory())["refresh"]
    statuses = []
    for _ in range(2):
        status, body = refresh(api_client, token)
        statuses.append(status)
        token = body["refresh"]
    spent = BlacklistedToken.objects.count()

    status, body = refresh(api_client, token)

    assert statuses == [200, 200]
    assert status == 429
    assert body["errors"][0]["code"] == "throttled"
    assert BlacklistedToken.objects.count() == spent  # the refused token is not spent


def test_another_account_is_not_held_back(api_client, rates):
    rates(token_refresh_user="1/hour")
    first, second = (jwt_pair_issue(user=UserFactory())["refresh"] for _ in range(2))
    refresh(api_client, first)

    assert refresh(api_client, second)[0] == 200


def test_the_address_limit_counts_every_refresh(api_client, rates):
    rates(token_refresh_ip="3/hour", token_refresh_user="100/hour")
    tokens = [jwt_pair_issue(user=UserFactory())["refresh"] for _ in range(2)]

    statuses = [refresh(api_client, "not-a-token")[0], *(refresh(api_client, t)[0] for t in tokens)]
    last = refresh(api_client, jwt_pair_issue(user=UserFactory())["refresh"])[0]

    assert statuses == [401, 200, 200]
    assert last == 429


def test_a_made_up_token_spends_no_account_s_budget(api_client, rates):
    rates(token_refresh_user="1/hour")
    user = UserFactory()
    forged = jwt_pair_issue(user=user)["refresh"][:-4] + "AAAA"  # its signature broken
    for _ in range(3):
        assert refresh(api_client, forged)[0] == 401

    assert refresh(api_client, jwt_pair_issue(user=user)["refresh"])[0] == 200


def test_links_followed_from_one_address_have_their_own_limit(api_client, rates):
    rates(anon="2/hour", magic_link_verify_ip="4/hour")
    tokens = [
        services._magic_link_token_create(user=UserFactory(), ip=None, user_agent="")[0]
        for _ in range(5)
    ]

    statuses = [
        api_client.post(VERIFY, {"token": token}, format="json").status_code for token in tokens
    ]

    assert statuses == [200] * 4 + [429]
    assert MagicLinkToken.objects.filter(used_at__isnull=False).count() == 4
