"""Fixtures shared by every app's tests."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _fresh_redis():
    """Each test starts with an empty cache, so throttle counters never leak between tests."""
    cache.clear()
    return


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()
