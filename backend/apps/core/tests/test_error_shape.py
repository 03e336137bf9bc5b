"""Every error, from DRF or from Django itself, has the one shape of the contract."""

import pytest
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.test import APIClient
from rest_framework.views import APIView

from config.urls import (  # noqa: F401  (Django reads the handlers from this module)
    handler400,
    handler403,
    handler404,
    handler500,
)
from config.urls import urlpatterns as project_urlpatterns

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


class EchoView(APIView):
    permission_classes = (AllowAny,)

    def post(self, request):
        return Response(request.data)


urlpatterns = [*project_urlpatterns, path("echo/", EchoView.as_view())]


def test_unknown_path_is_a_json_404(api_client):
    response = api_client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "type": "client_error",
        "errors": [{"code": "not_found", "detail": "Not found.", "attr": None}],
    }


NOT_FOUND = {
    "type": "client_error",
    "errors": [{"code": "not_found", "detail": "Not found.", "attr": None}],
}


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete", "options"])
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/no-such-thing/",
        "/api/v1/no-such-thing",  # no slashed form to be sent to either
        "/api/v1/jobs/not-a-uuid/",
        "/api/v1/jobs/a%0Ab/",  # a newline in the path
        "/api/elsewhere",
    ],
)
def test_unknown_api_paths_are_a_json_404_for_every_method_even_with_csrf_checks(method, path):
    """A POST to an unknown path once got Django's HTML CSRF page (403), not a 404."""
    client = APIClient(enforce_csrf_checks=True)
    client.cookies["sessionid"] = "whatever"

    response = getattr(client, method)(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == NOT_FOUND


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
def test_an_endpoint_without_its_final_slash_is_sent_there_keeping_method_and_body(method):
    """308, not Django's 301 (which turns a POST into a GET) nor its DEBUG-time 500."""
    client = APIClient(enforce_csrf_checks=True)

    body = {} if method == "get" else {"data": {"title": "x"}, "format": "json"}

    response = getattr(client, method)("/api/v1/jobs?q=heftruck&radius_km=5", **body)

    assert response.status_code == 308
    assert response["Location"] == "/api/v1/jobs/?q=heftruck&radius_km=5"


def test_following_the_308_reaches_the_endpoint(api_client):
    response = api_client.get("/api/v1/health", follow=True)

    assert response.redirect_chain == []  # /health/ is not under /api/: no such endpoint
    assert response.status_code == 404

    response = api_client.get("/api/v1", follow=True)

    assert response.redirect_chain == [("/api/v1/", 308)]
    assert response.status_code == 200
    assert set(response.json()) == {"health", "schema", "docs", "redoc"}


def test_wrong_method_is_a_json_405(api_client):
    response = api_client.delete("/health/")

    assert response.status_code == 405
    assert response.json() == {
        "type": "client_error",
        "errors": [
            {"code": "method_not_allowed", "detail": 'Method "DELETE" not allowed.', "attr": None}
        ],
    }


def test_malformed_json_is_a_400(api_client):
    response = api_client.post("/echo/", data='{"email": ', content_type="application/json")

    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "client_error"
    assert body["errors"][0]["code"] == "parse_error"
    assert body["errors"][0]["attr"] is None


def test_unsupported_media_type_is_a_415(api_client):
    response = api_client.post(
        "/echo/", data="email=a@b.nl", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 415
    assert response.json()["errors"][0]["code"] == "unsupported_media_type"


def test_well_formed_json_reaches_the_view(api_client):
    response = api_client.post("/echo/", data={"email": "a@b.nl"}, format="json")

    assert response.status_code == 200
    assert response.json() == {"email": "a@b.nl"}


@pytest.mark.usefixtures("throttle_window")
def test_anonymous_requests_are_throttled_with_retry_after(api_client, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})

    statuses = [api_client.get("/api/v1/").status_code for _ in range(3)]
    response = api_client.get("/api/v1/")

    assert statuses == [200, 200, 429]
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["errors"][0]["code"] == "throttled"


def test_a_json_body_too_large_to_read_is_a_413_and_nothing_happens(api_client, settings):
    from apps.users.models import User

    body = '{"email": "a@example.nl", "user_type": "candidate", "x": "%s"}' % (
        "a" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    )

    response = api_client.post(
        "/api/v1/auth/magic-link/", data=body, content_type="application/json"
    )

    assert response.status_code == 413
    assert response.json() == {
        "type": "client_error",
        "errors": [
            {
                "code": "request_too_large",
                "detail": f"The request's body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes.",
                "attr": None,
            }
        ],
    }
    assert not User.objects.exists()


def test_too_many_query_parameters_are_a_400_not_a_500(settings):
    query = "&".join(f"category=c{n}" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))

    # A plain client: the schema checker itself cannot parse so many parameters.
    response = APIClient().get(f"/api/v1/jobs/?{query}")

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "code": "parse_error",
            "detail": "The request is malformed: too many fields, or a broken body.",
            "attr": None,
        }
    ]


@pytest.mark.parametrize(
    "body",
    [
        '{"email": "a\\ud800@b.nl"}',  # a lone surrogate is no text
        '{"\\udfff": 1}',
        "[" * 100_000 + "]" * 100_000,  # deeper than any parser should follow
        '{"email": NaN}',
    ],
    ids=["surrogate-value", "surrogate-key", "deep", "nan"],
)
def test_json_that_is_no_text_or_too_deep_is_a_400(api_client, body):
    from apps.users.models import User

    response = api_client.post(
        "/api/v1/auth/magic-link/", data=body, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["type"] == "client_error"
    assert response.json()["errors"][0]["code"] == "parse_error"
    assert not User.objects.exists()
