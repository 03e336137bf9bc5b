"""Tests: real PostgreSQL/PostGIS and real Redis, on a Redis database of their own."""

from urllib.parse import urlsplit, urlunsplit

from config.settings.base import *  # noqa: F403
from config.settings.base import CACHES, CHANNEL_LAYERS, INSTALLED_APPS, REDIS_URL, env


def _redis_db(url: str, db: int) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{db}"))


DEBUG = False
SECRET_KEY = (
    "test-only-secret-key-that-is-not-used-anywhere-else-0123456789"  # noqa: S105  # nosec B105
)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A test that runs a real Celery worker points its worker at a file backend.
EMAIL_BACKEND = env("TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")

# Tests flush their Redis database between tests, so they get one of their own.
REDIS_URL = _redis_db(REDIS_URL, env.int("REDIS_TEST_DB", default=15))
CACHES = {
    **CACHES,
    "default": {**CACHES["default"], "LOCATION": REDIS_URL, "KEY_PREFIX": "safejob-test"},
}
# Estimates cached across tests would choose plans by data a test no longer has.
SEARCH_ESTIMATE_SECONDS = 0
SEARCH_WORDS_SECONDS = 0
CHANNEL_LAYERS = {
    "default": {
        **CHANNEL_LAYERS["default"],
        "CONFIG": {"hosts": [REDIS_URL], "prefix": "safejob-test:channels"},
    }
}
CELERY_BROKER_URL = REDIS_URL
# Tasks run in-process once the transaction commits (the tests capture
# on_commit callbacks); tests/test_celery_worker.py runs a real worker.
CELERY_TASK_ALWAYS_EAGER = env.bool("TEST_CELERY_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
SMS_BACKEND = "apps.core.sms.FileSmsBackend"

# A concrete model for the abstract base models' tests; it has no migrations
# and exists only in the test database.
INSTALLED_APPS = [*INSTALLED_APPS, "apps.core.tests.testapp"]

# Static files come from the apps' folders; nothing is collected for tests.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
