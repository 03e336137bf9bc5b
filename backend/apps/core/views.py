"""Health probes, the API root, and JSON error pages for Django-level errors."""

from functools import partial
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from apps.core import health

_HealthSerializer = inline_serializer(
    name="Health",
    fields={
        "status": serializers.ChoiceField(choices=["healthy", "unhealthy"]),
        "service": serializers.CharField(),
        "version": serializers.CharField(),
        "timestamp": serializers.DateTimeField(),
        "checks": serializers.DictField(child=serializers.BooleanField()),
    },
)


class _ProbeView(APIView):
    """Probes answer anyone, are never throttled and never need a session."""

    permission_classes = (AllowAny,)
    authentication_classes = ()
    throttle_classes = ()

    def _report(self, checks: dict[str, bool]) -> Response:
        healthy = all(checks.values())
        body = {
            "status": "healthy" if healthy else "unhealthy",
            "service": settings.SERVICE_NAME,
            "version": settings.APP_VERSION,
            "timestamp": timezone.now().isoformat(),
            "checks": checks,
        }
        return Response(body, status=200 if healthy else 503)


class HealthView(_ProbeView):
    @extend_schema(
        tags=["health"],
        summary="Health of the service and its dependencies",
        responses={200: _HealthSerializer, 503: _HealthSerializer},
    )
    def get(self, request: Request) -> Response:
        database = partial(health.database_is_up, health.database_params())
        return self._report(health.run_probes({"database": database, "cache": health.cache_is_up}))


class LivenessView(_ProbeView):
    @extend_schema(
        tags=["health"], summary="The process is serving", responses={200: _HealthSerializer}
    )
    def get(self, request: Request) -> Response:
        return self._report({})


class ReadinessView(_ProbeView):
    @extend_schema(
        tags=["health"],
        summary="The service can take traffic: database reachable, migrations applied",
        responses={200: _HealthSerializer, 503: _HealthSerializer},
    )
    def get(self, request: Request) -> Response:
        database = health.database_is_up()
        migrations = database and health.migrations_are_applied()
        return self._report({"database": database, "migrations": migrations})


class ApiRootView(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(
        tags=["meta"],
        summary="Entry points of the API",
        responses={
            200: inline_serializer(
                name="ApiRoot",
                fields={
                    name: serializers.URLField() for name in ("health", "schema", "docs", "redoc")
                },
            )
        },
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                "health": reverse("health", request=request),
                "schema": reverse("schema", request=request),
                "docs": reverse("swagger-ui", request=request),
                "redoc": reverse("redoc", request=request),
            }
        )


def error_response(status: int, code: str, detail: str) -> JsonResponse:
    """The contract's error shape, for answers made outside DRF (handlers, the HTTP bridge)."""
    return JsonResponse(
        {
            "type": "client_error" if status < 500 else "server_error",
            "errors": [{"code": code, "detail": detail, "attr": None}],
        },
        status=status,
    )


def bad_request(
    request: HttpRequest, exception: Exception | None = None, **kwargs: Any
) -> JsonResponse:
    return error_response(400, "bad_request", "The request could not be understood.")


def permission_denied(
    request: HttpRequest, exception: Exception | None = None, **kwargs: Any
) -> JsonResponse:
    return error_response(
        403, "permission_denied", "You do not have permission to perform this action."
    )


def not_found(
    request: HttpRequest, exception: Exception | None = None, **kwargs: Any
) -> JsonResponse:
    return error_response(404, "not_found", "Not found.")


API_FALLBACK = "api-fallback"


@csrf_exempt
def api_fallback(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    """What no API route took: a path without its final slash, or nothing at all.

    A path that names an endpoint but for its final slash is sent there with 308,
    which keeps the method and the body (Django's own 301 turns a POST into a GET,
    and under DEBUG fails with a 500). Anything else is the contract's JSON 404,
    whatever the method: CSRF does not apply here (API calls carry bearer tokens),
    so an unknown path never answers with Django's HTML CSRF page.
    """
    if not request.path_info.endswith("/"):
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != API_FALLBACK:
            return HttpResponsePermanentRedirect(
                request.get_full_path(force_append_slash=True), preserve_request=True
            )
    return not_found(request)


def server_error(request: HttpRequest, **kwargs: Any) -> JsonResponse:
    return error_response(500, "error", "A server error occurred.")
