"""Middleware of our own: the access log, and the 413 for a body the server refused."""

import logging
import re
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from apps.core.views import error_response
from apps.core.wsgi_bridge import BODY_REFUSED

access_logger = logging.getLogger("apps.core.access")


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
LOGGED_PATH_LENGTH = 300


def loggable_path(path: str) -> str:
    """The path as one line of bounded length: a client chooses it, line breaks included."""
    escaped = _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", path)
    if len(escaped) > LOGGED_PATH_LENGTH:
        return f"{escaped[:LOGGED_PATH_LENGTH]}… ({len(escaped)} characters)"
    return escaped


def access_log(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    """One line a request: method, path, status and milliseconds, with the request id.

    The server's own access log (gunicorn's, uvicorn's) is off: it runs before
    Django and cannot know the request id. The query string is left out, as it may
    carry what a person typed.
    """

    def middleware(request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        path = loggable_path(request.path)
        access_logger.info(
            "%s %s %s %.1fms",
            request.method,
            path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response

    return middleware


def refuse_large_body(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    """413 `request_too_large` for a request whose body the server would not read.

    The HTTP bridge (apps/core/wsgi_bridge.py) leaves the body unread and marks the
    request; answering here, inside the request id's and CORS's middleware, gives a
    browser on another origin the 413 to read instead of a network error.
    """

    def middleware(request: HttpRequest) -> HttpResponseBase:
        limit = request.META.get(BODY_REFUSED)
        if limit is not None:
            return error_response(
                413, "request_too_large", f"The request's body is larger than {limit} bytes."
            )
        return get_response(request)

    return middleware
