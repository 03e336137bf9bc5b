"""Production sends plain HTTP to HTTPS, except the health probes, slash or not."""

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/api/v1/", "https://api.example.org/api/v1/"),
        ("/health", "/health/"),
        ("/health/live", "/health/live/"),
        ("/healthz", "https://api.example.org/healthz"),
    ],
)
def test_plain_http_is_redirected_but_the_probes_keep_it(production_server, path, location):
    response = production_server.get(path, Host="api.example.org")

    assert (response.status, response.getheader("Location")) == (301, location)


def test_a_probe_answers_over_plain_http(production_server):
    assert production_server.get("/health/live/", Host="api.example.org").status == 200
