"""The image's HEALTHCHECK finds a production server healthy whatever ALLOWED_HOSTS names."""

import secrets
import subprocess

import pytest

from apps.core.testing.server import BACKEND, dockerfile_command, image_env, image_server, on_port

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("allowed_hosts", ["api.example.org,www.example.org", ".example.org", "*"])
def test_the_healthcheck_passes_against_production_settings(tmp_path, allowed_hosts):
    env = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": allowed_hosts}
    with image_server(log=tmp_path / "server.log", **env) as server:
        check = subprocess.run(
            on_port(dockerfile_command("HEALTHCHECK"), server.port),
            cwd=BACKEND,
            env=image_env(**env),
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        refused = server.get("/health/live/", Host="localhost")

    assert (check.returncode, check.stdout, check.stderr) == (0, "", "")
    expected = 200 if allowed_hosts == "*" else 400
    assert refused.status == expected  # what the old check's Host: localhost got
