"""The sliding-window throttles: counted in Redis, refused requests not counted."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from apps.core.throttling import AnonRateThrottle, UserRateThrottle
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# The start of a minute window (epoch seconds divisible by 60).
WINDOW_START = datetime(2026, 11, 27, 9, 0, 0, tzinfo=UTC)


class Endpoint(APIView):
    pass


def anonymous(ip: str = "192.0.2.1"):
    return Endpoint().initialize_request(APIRequestFactory().get("/", REMOTE_ADDR=ip))


def asks(throttle_class, request, at: datetime) -> tuple[bool, float | None]:
    with time_machine.travel(at, tick=False):
        throttle = throttle_class()
        allowed = throttle.allow_request(request, Endpoint())
        return allowed, None if allowed else throttle.wait()


@pytest.fixture
def two_a_minute(monkeypatch):
    from rest_framework.throttling import AnonRateThrottle as DRFAnonRateThrottle

    monkeypatch.setattr(DRFAnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})


def test_the_limit_holds_within_a_window_and_refusals_are_not_counted(two_a_minute):
    request = anonymous()
    at = WINDOW_START + timedelta(seconds=10)

    answers = [asks(AnonRateThrottle, request, at)[0] for _ in range(5)]

    assert answers == [True, True, False, False, False]
    counters = list(cache._cache.get_client().keys("*throttle_anon*"))
    assert len(counters) == 1
    assert int(cache._cache.get_client().get(counters[0])) == 2  # the refusals left no mark


def test_the_previous_window_counts_by_how_much_of_it_is_still_in_the_period(two_a_minute):
    request = anonymous()
    for _ in range(2):
        assert asks(AnonRateThrottle, request, WINDOW_START + timedelta(seconds=50))[0]

    # 20 s into the next window: 2 x 2/3 of the last minute still counts, 1.33 + 0 < 2.
    assert asks(AnonRateThrottle, request, WINDOW_START + timedelta(seconds=80)) == (True, None)
    # Now 1.33 + 1 >= 2: refused until the previous window's weight falls to 1/2,
    # 30 s into this window, 10 s from now.
    assert asks(AnonRateThrottle, request, WINDOW_START + timedelta(seconds=80)) == (False, 10)
    assert asks(AnonRateThrottle, request, WINDOW_START + timedelta(seconds=89))[0] is False
    assert asks(AnonRateThrottle, request, WINDOW_START + timedelta(seconds=91))[0] is True


def test_a_full_window_waits_for_the_next(two_a_minute):
    request = anonymous()
    for _ in range(2):
        asks(AnonRateThrottle, request, WINDOW_START + timedelta(seconds=0))

    # Full: the next request fits once this window is the previous one and its weight
    # falls below 1, as the next window starts (15 s from second 45).
    assert asks(AnonRateThrottle, request, WINDOW_START + timedelta(seconds=45)) == (False, 15)
    assert asks(AnonRateThrottle, request, WINDOW_START + timedelta(seconds=59))[0] is False
    assert asks(AnonRateThrottle, request, WINDOW_START + timedelta(seconds=61))[0] is True
    # 2 x 59/60 + 1 >= 2: the one after waits until the weight is below 1/2.
    assert asks(AnonRateThrottle, request, WINDOW_START + timedelta(seconds=61)) == (False, 29)


def test_addresses_are_counted_apart(two_a_minute):
    at = WINDOW_START + timedelta(seconds=5)
    for _ in range(2):
        asks(AnonRateThrottle, anonymous("192.0.2.1"), at)

    assert asks(AnonRateThrottle, anonymous("192.0.2.1"), at)[0] is False
    assert asks(AnonRateThrottle, anonymous("192.0.2.2"), at)[0] is True


def test_an_ipv6_host_counts_as_its_64_whatever_address_it_takes(two_a_minute):
    at = WINDOW_START + timedelta(seconds=5)
    asks(AnonRateThrottle, anonymous("2001:db8:1:2::1"), at)
    asks(AnonRateThrottle, anonymous("2001:db8:1:2:aaaa::7"), at)

    assert asks(AnonRateThrottle, anonymous("2001:db8:1:2:ffff::9"), at)[0] is False
    assert asks(AnonRateThrottle, anonymous("2001:db8:1:3::1"), at)[0] is True


def test_an_ipv4_client_written_as_ipv6_counts_as_itself(two_a_minute):
    at = WINDOW_START + timedelta(seconds=5)
    for _ in range(2):
        asks(AnonRateThrottle, anonymous("::ffff:192.0.2.1"), at)

    assert asks(AnonRateThrottle, anonymous("192.0.2.1"), at)[0] is False
    assert asks(AnonRateThrottle, anonymous("::ffff:198.51.100.77"), at)[0] is True


def test_the_user_rate_counts_signed_in_users_and_leaves_the_anonymous_to_the_anon_rate(
    monkeypatch,
):
    from rest_framework.throttling import UserRateThrottle as DRFUserRateThrottle

    monkeypatch.setattr(DRFUserRateThrottle, "THROTTLE_RATES", {"user": "1/minute"})
    user = UserFactory()
    factory_request = APIRequestFactory().get("/")
    force_authenticate(factory_request, user=user)
    signed_in = Endpoint().initialize_request(factory_request)
    at = WINDOW_START + timedelta(seconds=5)

    assert [asks(UserRateThrottle, signed_in, at)[0] for _ in range(2)] == [True, False]
    assert [asks(UserRateThrottle, anonymous(), at)[0] for _ in range(3)] == [True, True, True]
