"""The production server configuration, on loopback: gunicorn with uvicorn workers."""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench import loadgen

BACKEND = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
WORKERS = 2


def production_env(*, database_url: str, redis_url: str) -> dict[str, str]:
    """Production settings, with the search cache off and throttling out of the way."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SEARCH_CACHE_SECONDS": "0",
        # Throttling stays on (each request is counted, one Redis call) but out of
        # the way: the benchmark is one address.
        "THROTTLE_RATE_ANON": "1000000/second",
        "THROTTLE_RATE_USER": "1000000/second",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
    }


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Server:
    """A running server: its port, and which worker holds which client connection."""

    def __init__(self, port: int, master: int) -> None:
        self.port, self.master = port, master

    @property
    def workers(self) -> list[int]:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.master:
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def __call__(self) -> dict[int, int]:
        """Client port -> worker pid, from `ss` (Linux); empty when it is not there."""
        try:
            out = subprocess.run(
                ["ss", "-tnpH", "state", "established", f"( sport = :{self.port} )"],  # noqa: S607
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return {}
        owners = {}
        for line in out.splitlines():
            match = re.search(r":(\d+)\s+users:.*?pid=(\d+)", line)
            if match:
                owners[int(match.group(1))] = int(match.group(2))
        return owners


@contextmanager
def running(
    *, env: dict[str, str], log_path: Path, startup_seconds: float = 60
) -> Iterator[Server]:
    """gunicorn config.asgi:application as the Dockerfile runs it (2 workers, on loopback)."""
    port = free_port()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [
                gunicorn,
                "config.asgi:application",
                "-c",
                "python:config.gunicorn",
                "--worker-class",
                "uvicorn_worker.UvicornWorker",
                "--workers",
                str(WORKERS),
                "--bind",
                f"{HOST}:{port}",
            ],
            cwd=BACKEND,
            env={**os.environ, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode}; see {log_path}")
            try:
                status, _ = loadgen.get_json(HOST, port, "/health/live/", timeout=2)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"gunicorn did not answer within {startup_seconds:.0f} s; see {log_path}"
                )
            time.sleep(0.25)
        yield Server(port, process.pid)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
