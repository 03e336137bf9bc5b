"""The Dockerfile's commands, run on this machine as the image runs them.

Tests have no Docker daemon: they run the image's CMD and HEALTHCHECK commands
as the Dockerfile writes them, with this checkout's virtual environment.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess  # nosec B404
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BACKEND = Path(__file__).resolve().parents[3]
DOCKERFILE = BACKEND / "Dockerfile"
IMAGE_PORT = 8000


def dockerfile_command(instruction: str) -> list[str]:
    """The exec-form command of the Dockerfile's CMD or HEALTHCHECK instruction."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    for line in text.splitlines():
        if line.startswith(f"{instruction} "):
            return list(json.loads(line[line.index("CMD [") + len("CMD ") :]))
    raise AssertionError(f"no {instruction} in {DOCKERFILE}")


def on_port(command: list[str], port: int) -> list[str]:
    """The command with the image's port 8000 replaced by `port`."""
    return [part.replace(f":{IMAGE_PORT}", f":{port}") for part in command]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def image_env(**env: str) -> dict[str, str]:
    """This process's environment as the image's: production settings, its PATH first."""
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    return {
        **base,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{base.get('PATH', '')}",
        "PYTHONUNBUFFERED": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "WEB_CONCURRENCY": "1",
        **env,
    }


class Answer:
    def __init__(self, response: http.client.HTTPResponse) -> None:
        self.status = response.status
        self.headers = response.headers
        self.body = response.read()

    def getheader(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name, default)

    def json(self) -> Any:
        return json.loads(self.body)


class RunningServer:
    def __init__(self, port: int, log: Path) -> None:
        self.port, self.log = port, log

    def get(self, path: str, **headers: str) -> Answer:
        """A GET over plain HTTP, read whole."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", path, headers=headers)
            return Answer(conn.getresponse())
        finally:
            conn.close()

    def lines(self) -> list[str]:
        return [line for line in self.log.read_text().splitlines() if line.strip()]


@contextmanager
def image_server(*, log: Path, startup_seconds: float = 120, **env: str) -> Iterator[RunningServer]:
    """The image's CMD on 127.0.0.1 and a free port, until it answers HTTP; stopped after."""
    port = free_port()
    with log.open("w") as out:
        # The Dockerfile's own command.
        process = subprocess.Popen(  # noqa: S603  # nosec B603
            on_port(dockerfile_command("CMD"), port),
            cwd=BACKEND,
            env=image_env(**env),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = RunningServer(port, log)
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            if process.poll() is not None:
                raise AssertionError(
                    f"the server exited with {process.returncode}:\n{log.read_text()}"
                )
            try:
                server.get(
                    "/health/live/", Host=env.get("ALLOWED_HOSTS", "localhost").split(",")[0]
                )
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError(f"the server did not answer:\n{log.read_text()}") from None
                time.sleep(0.25)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def celery_worker_command(*, quiet: bool = False) -> list[str]:
    """A Celery worker of this project in one process, quick to start and to stop."""
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        *(["--quiet"] if quiet else []),
        "worker",
        "--pool",
        "solo",
        "--loglevel",
        "INFO",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
    ]
