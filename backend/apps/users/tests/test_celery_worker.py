"""The sign-in email leaves through a real Celery worker, in its own process, over Redis."""

import os
import re
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection

from apps.core.testing.server import celery_worker_command
from apps.employers.models import EmployerProfile
from apps.users.models import MagicLinkToken, User
from apps.users.tests.factories import UserFactory
from apps.users.tokens import hash_magic_token
from config.celery import app as celery_app

BACKEND = Path(__file__).resolve().parents[3]
TOKEN_RE = re.compile(r"token=([A-Za-z0-9_-]{43})")


@pytest.fixture
def worker(tmp_path, settings):
    """A worker on the test database and the test Redis, writing email to files."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "TEST_CELERY_EAGER": "false",
    }
    process = subprocess.Popen(
        celery_worker_command(),
        cwd=BACKEND,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    celery_app.conf.task_always_eager = False
    try:
        yield tmp_path / "mail"
    finally:
        celery_app.conf.task_always_eager = True
        process.terminate()
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        print(output)


# Django's file backend ends each message with this line; until it is there, the
# file exists but is not written whole (a loaded machine read it empty once).
MESSAGE_END = "-" * 79 + "\n"


def wait_for_mail(folder: Path, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted(folder.glob("*.log")) if folder.exists() else []
        if files and (text := files[0].read_text()).endswith(MESSAGE_END):
            return text
        time.sleep(0.2)
    raise AssertionError("no email arrived from the worker")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_magic_link_email_is_sent_by_a_real_worker(worker, api_client):
    UserFactory(email="sanne@example.nl")

    response = api_client.post(
        "/api/v1/auth/magic-link/", {"email": "sanne@example.nl"}, format="json"
    )
    assert response.status_code == 202

    message = wait_for_mail(worker)
    assert "To: sanne@example.nl" in message
    token = TOKEN_RE.search(message)
    assert token is not None
    verified = api_client.post(
        "/api/v1/auth/magic-link/verify/", {"token": token.group(1)}, format="json"
    )
    assert verified.status_code == 200


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_sign_up_happens_in_the_worker_not_in_the_request(worker, api_client):
    response = api_client.post(
        "/api/v1/auth/magic-link/",
        {"email": "new@example.nl", "user_type": "employer"},
        format="json",
    )
    assert response.status_code == 202

    message = wait_for_mail(worker)
    assert "To: new@example.nl" in message
    user = User.objects.get(email="new@example.nl")
    assert (user.user_type, user.email_verified) == ("employer", False)
    assert EmployerProfile.objects.filter(user=user).exists()
    token = TOKEN_RE.search(message)
    assert token is not None
    assert MagicLinkToken.objects.get(user=user).token_hash == hash_magic_token(token.group(1))
