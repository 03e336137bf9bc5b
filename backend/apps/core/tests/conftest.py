import secrets
import socket

import pytest
from django.db import connection


@pytest.fixture
def closed_port() -> int:
    """A local port that nothing listens on: connections to it are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def redis_down(settings, closed_port):
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": f"redis://127.0.0.1:{closed_port}/0"}
    }


@pytest.fixture
def database_down(monkeypatch, closed_port):
    # The probes connect anew with these settings; the test's open connection stays up.
    monkeypatch.setitem(connection.settings_dict, "PORT", str(closed_port))


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    """The image's server under production settings, answering to api.example.org."""
    from apps.core.testing.server import image_server

    with image_server(
        log=tmp_path_factory.mktemp("server") / "server.log",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="api.example.org",
    ) as running:
        yield running
