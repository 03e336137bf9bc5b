"""Production settings, checked in a fresh process as a deployment would load them."""

import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from apps.core.sms import NoSmsBackend

BACKEND = Path(__file__).resolve().parents[3]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "FRONTEND_URL"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BACKEND,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def production_env() -> dict[str, str]:
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "api.safejob.example",
        "FRONTEND_URL": "https://safejob.example",
    }


def test_production_passes_the_deployment_checklist(production_env):
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **production_env)

    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "frontend_url", [None, "http://safejob.example", "https://localhost:3000", "https://"]
)
def test_the_deployment_checklist_wants_the_site_s_https_address(production_env, frontend_url):
    del production_env["FRONTEND_URL"]
    if frontend_url is not None:
        production_env["FRONTEND_URL"] = frontend_url

    result = _manage("check", "--deploy", "--fail-level", "WARNING", **production_env)

    assert result.returncode != 0
    assert "(safejob.W001) FRONTEND_URL is" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key(production_env):
    del production_env["SECRET_KEY"]

    result = _manage("check", **production_env)

    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


@pytest.mark.parametrize("rate", ["garbage", "100", "100/week", "0/hour", "-5/minute", "5/ minute"])
def test_a_throttle_rate_that_is_not_one_stops_the_start(production_env, rate):
    result = _manage("check", **production_env, THROTTLE_RATE_ANON=rate)

    assert result.returncode != 0
    assert f"THROTTLE_RATE_ANON={rate!r} is not a rate" in result.stderr


def test_throttle_rates_are_read_as_drf_reads_them(production_env):
    rates = {"THROTTLE_RATE_ANON": "100/hours", "THROTTLE_RATE_USER": "5/m"}

    result = _manage("check", **production_env, **rates)

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("countries", "said"),
    [("NL,XX", "['XX']"), ("nl,Netherlands", "['NETHERLANDS']"), (",", "nothing")],
)
def test_sms_countries_that_are_not_codes_stop_the_start(production_env, countries, said):
    result = _manage("check", **production_env, SMS_COUNTRIES=countries)

    assert result.returncode != 0
    assert f"SMS_COUNTRIES holds {said}: write country codes" in result.stderr


def test_sms_countries_are_read_in_any_case(production_env):
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(sorted(settings.SMS_COUNTRIES))",
        **production_env,
        SMS_COUNTRIES="nl, pl,RO",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "['NL', 'PL', 'RO']"


def test_production_logs_one_json_object_per_line(production_env):
    script = (
        "import django, logging; django.setup(); "
        "logging.getLogger('apps.probe').warning('shift posted %s', 'x')"
    )
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BACKEND,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings.production", **production_env},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["level"] == "WARNING"
    assert line["logger"] == "apps.probe"
    assert line["message"] == "shift posted x"
    assert "request_id" in line


@pytest.mark.parametrize("layout", ["checkout", "image"])
def test_the_local_backends_write_where_the_process_may(tmp_path, layout):
    """In a checkout under its .local/; in the image (/app, whose parent is /) under /tmp."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    backend = BACKEND
    if layout == "image":
        backend = tmp_path / "app"
        shutil.copytree(BACKEND / "config", backend / "config")
    script = "from config.settings import base; print(base.EMAIL_FILE_PATH, base.SMS_FILE_PATH)"
    env = {k: v for k, v in os.environ.items() if k not in {"EMAIL_FILE_PATH", "SMS_FILE_PATH"}}

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=backend,
        env={**env, "TMPDIR": str(temporary)},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    local = BACKEND.parent / ".local" if layout == "checkout" else temporary / "safejob"
    assert result.stdout == f"{local / 'mail'} {local / 'sms.jsonl'}\n"


def test_production_sends_no_text_until_a_provider_is_named(production_env):
    show = "from django.conf import settings; print(settings.SMS_BACKEND)"

    default = _manage("shell", "-c", show, **production_env)
    named = _manage("shell", "-c", show, **production_env, SMS_BACKEND="acme.sms.Backend")

    assert default.stdout.splitlines()[-1] == "apps.core.sms.NoSmsBackend"
    assert named.stdout.splitlines()[-1] == "acme.sms.Backend"


def test_the_refusing_backend_sends_nothing_and_says_why():
    with pytest.raises(ImproperlyConfigured, match="set SMS_BACKEND"):
        NoSmsBackend().send(to="+31612345678", body="Your Safe Job code is 123456.")
