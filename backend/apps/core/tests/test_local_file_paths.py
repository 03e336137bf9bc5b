"""The file backends write where the README reads, whatever the working directory."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[3]
REPO = BACKEND.parent


def _paths(cwd: Path, **env: str) -> dict[str, str]:
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.EMAIL_FILE_PATH, settings.SMS_FILE_PATH]))"
    )
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"EMAIL_FILE_PATH", "SMS_FILE_PATH", "DJANGO_SETTINGS_MODULE"}
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=cwd,
        env={
            **base,
            "PYTHONPATH": str(BACKEND),
            "DJANGO_SETTINGS_MODULE": "config.settings.development",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    email, sms = json.loads(result.stdout.strip().splitlines()[-1])
    return {"EMAIL_FILE_PATH": email, "SMS_FILE_PATH": sms}


@pytest.mark.parametrize("cwd", [BACKEND, REPO])
def test_relative_file_backend_paths_are_from_the_repository_root(cwd):
    paths = _paths(cwd, EMAIL_FILE_PATH=".local/mail", SMS_FILE_PATH="out/sms.jsonl")

    assert paths == {
        "EMAIL_FILE_PATH": str(REPO / ".local" / "mail"),
        "SMS_FILE_PATH": str(REPO / "out" / "sms.jsonl"),
    }


def test_file_backend_paths_default_to_the_repository_local_folder():
    assert _paths(BACKEND) == {
        "EMAIL_FILE_PATH": str(REPO / ".local" / "mail"),
        "SMS_FILE_PATH": str(REPO / ".local" / "sms.jsonl"),
    }


def test_absolute_file_backend_paths_are_kept(tmp_path):
    paths = _paths(
        BACKEND,
        EMAIL_FILE_PATH=str(tmp_path / "mail"),
        SMS_FILE_PATH=str(tmp_path / "sms.jsonl"),
    )

    assert paths == {
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "SMS_FILE_PATH": str(tmp_path / "sms.jsonl"),
    }
