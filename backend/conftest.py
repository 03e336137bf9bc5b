"""Fixtures shared by every app's tests."""

import re
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient

from apps.core.testing.contract import ContractClient
from apps.users.models import User
from apps.users.services import jwt_pair_issue
from apps.users.tests.factories import UserFactory

RACE_SECONDS = 30
MAGIC_TOKEN_IN_LINK = re.compile(r"/auth/verify\?token=([A-Za-z0-9_-]{43})")


@pytest.fixture(autouse=True)
def _fresh_redis():
    """Each test starts with an empty cache, so throttle counters never leak between tests."""
    cache.clear()


@pytest.fixture
def throttle_window() -> Iterator[None]:
    """The test's requests all fall in one throttle window: of its minute, hour and day.

    The sliding-window throttles weigh the previous window's count by the part of it
    still in the period, so requests that straddle a window's edge get one more
    through than a test counting to the limit expects (21 of 20 a minute when the
    minute turns during the burst). Time runs on from 10 s into the next day (UTC).
    """
    start = (datetime.now(UTC) + timedelta(days=1)).replace(
        hour=0, minute=0, second=10, microsecond=0
    )
    with time_machine.travel(start, tick=True):
        yield


@pytest.fixture(autouse=True)
def _sms_file(settings, tmp_path):
    settings.SMS_FILE_PATH = str(tmp_path / "sms.jsonl")


@pytest.fixture
def api_client() -> APIClient:
    """Checks every answer against the published OpenAPI schema (apps/core/testing)."""
    return ContractClient()


@pytest.fixture
def client_for() -> Callable[[User | None], APIClient]:
    """An API client signed in as the user with a real access token (anonymous for None)."""

    def make(user: User | None) -> APIClient:
        client = ContractClient()
        if user is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {jwt_pair_issue(user=user)['access']}")
        return client

    return make


@pytest.fixture
def race() -> Callable[..., list[Any]]:
    """Runs the calls at one moment, each in a thread with its own database connection.

    Returns what each call returned, or the exception it raised, in the calls' order.
    The test needs `django_db(transaction=True)`: the threads see only committed rows.
    A call still running after RACE_SECONDS fails the test (a lock never released).
    """

    def run(*calls: Callable[[], Any]) -> list[Any]:
        barrier = threading.Barrier(len(calls), timeout=RACE_SECONDS)
        outcomes: list[Any] = [None] * len(calls)

        def one(index: int, call: Callable[[], Any]) -> None:
            try:
                barrier.wait()
                outcomes[index] = call()
            except Exception as exc:  # the outcome the test asserts
                outcomes[index] = exc
            finally:
                connection.close()

        threads = [
            threading.Thread(target=one, args=item, daemon=True) for item in enumerate(calls)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=RACE_SECONDS)
        assert not any(thread.is_alive() for thread in threads), "a racing call never finished"
        return outcomes

    return run


@pytest.fixture
def sent_magic_token() -> Callable[[], str]:
    """The token in the newest email of the test outbox."""

    def read() -> str:
        match = MAGIC_TOKEN_IN_LINK.search(str(mail.outbox[-1].body))
        assert match, mail.outbox[-1].body
        return match.group(1)

    return read


@pytest.fixture
def actors(db) -> dict[str, Any]:
    """The cast of the permission matrices: employers are approved unless named unverified."""
    from apps.candidates.tests.factories import CandidateProfileFactory
    from apps.employers.tests.factories import ApprovedEmployerFactory, EmployerProfileFactory

    return {
        "anonymous": None,
        "candidate": CandidateProfileFactory().user,
        "other_candidate": CandidateProfileFactory().user,
        "employer": ApprovedEmployerFactory().user,
        "other_employer": ApprovedEmployerFactory().user,
        "unverified_employer": EmployerProfileFactory().user,
        "moderator": UserFactory(user_type="admin"),
    }
