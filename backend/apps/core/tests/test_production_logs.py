"""Production logs are one JSON object a line, from every process: server, Django, worker."""

import json
import secrets
import signal
import subprocess
import time
import uuid

import pytest
from django.conf import settings

from apps.core.testing.server import BACKEND, celery_worker_command, image_env
from apps.users import tasks
from config.celery import app as celery_app

pytestmark = pytest.mark.slow

# As the load balancer that terminates TLS says (production redirects plain HTTP).
BEHIND_TLS = {"Host": "api.example.org", "X-Forwarded-Proto": "https"}


def records(lines: list[str]) -> list[dict]:
    """Every line as the JSON object it must be (json.loads fails the test otherwise)."""
    return [json.loads(line) for line in lines]


def test_the_server_s_own_lines_are_json(production_server):
    logged = records(production_server.lines())

    started = next(r for r in logged if r["logger"] == "gunicorn.error")
    assert started["message"].startswith("Starting gunicorn ")
    assert (started["level"], started["request_id"]) == ("INFO", None)
    uvicorn = [r["message"] for r in logged if r["logger"] == "uvicorn.error"]
    assert "Application startup complete." in uvicorn
    assert not [r for r in logged if "color_message" in r]


def test_each_request_has_one_access_line_with_its_request_id(production_server):
    incoming = uuid.uuid4().hex

    response = production_server.get(
        "/api/v1/nope/?email=private", **BEHIND_TLS, **{"X-Request-ID": incoming}
    )

    assert response.status == 404
    assert response.getheader("X-Request-ID") == incoming
    # Not in Django's own "Not Found" line either (its request's repr has the query string).
    assert "private" not in production_server.log.read_text()
    access = [r for r in records(production_server.lines()) if r["logger"] == "apps.core.access"]
    line = access[-1]
    assert isinstance(line.pop("duration_ms"), float)
    del line["time"]
    assert line == {
        "level": "INFO",
        "logger": "apps.core.access",
        "message": line["message"],
        "request_id": incoming,
        "method": "GET",
        "path": "/api/v1/nope/",
        "status": 404,
    }
    assert line["message"].startswith("GET /api/v1/nope/ 404 ")
    assert not [r for r in access if "private" in json.dumps(r)]


def test_an_invalid_incoming_request_id_is_logged_cut_short(production_server):
    response = production_server.get("/health/live/", **BEHIND_TLS, **{"X-Request-ID": "x" * 5000})

    given = response.getheader("X-Request-ID")
    warning = [r for r in records(production_server.lines()) if r["logger"] == "django_guid"][-1]
    assert warning["level"] == "WARNING"
    assert warning["message"] == (
        f"{'x' * 64}… (5000 characters) is not a valid GUID. New GUID is {given}"
    )


def test_the_celery_worker_logs_json_under_production_settings(tmp_path):
    env = image_env(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="api.example.org",
        REDIS_URL=settings.REDIS_URL,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            celery_worker_command(quiet=True),
            cwd=BACKEND,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(log, "ready.", process)
        # A task with a person's address among its arguments: they stay out of the log.
        celery_app.conf.task_always_eager = False
        try:
            tasks.send_no_account_email.delay(email="private@example.nl", language="en")
        finally:
            celery_app.conf.task_always_eager = True
        wait_for(log, "succeeded", process)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)

    lines = [line for line in log.read_text().splitlines() if line.strip()]
    # Celery prints this one itself, from its signal handler, not through logging.
    assert lines[-1] == "worker: Warm shutdown (MainProcess)"
    logged = records(lines[:-1])
    ready = [r for r in logged if r["logger"] == "celery.apps.worker"]
    assert [r["message"] for r in ready][-1].endswith(" ready.")
    assert {r["request_id"] for r in logged} == {None}
    done = [r for r in logged if r["message"].startswith("Task apps.users.tasks.send_no_account")]
    assert [r["logger"] for r in done] == ["celery.worker.strategy", "celery.app.trace"]
    assert "private" not in log.read_text()


def wait_for(log, text: str, process) -> None:
    deadline = time.monotonic() + 60
    while text not in log.read_text():
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.2)
