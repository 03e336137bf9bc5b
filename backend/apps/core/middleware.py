"""Middleware of our own: the access log."""

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

access_logger = logging.getLogger("apps.core.access")


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
        access_logger.info(
            "%s %s %s %.1fms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response

    return middleware
