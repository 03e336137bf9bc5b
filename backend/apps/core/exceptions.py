"""Errors that services raise; DRF renders them in the contract's one error shape."""

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousMultipartForm,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections
from drf_standardized_errors.handler import ExceptionHandler as StandardizedExceptionHandler
from rest_framework import status
from rest_framework.exceptions import (
    APIException,
    AuthenticationFailed,
    ErrorDetail,
    ParseError,
    ValidationError,
)
from rest_framework.serializers import as_serializer_error


class Conflict(APIException):
    """409: the request is valid but clashes with the current state (`already_applied`...)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state."
    default_code = "conflict"


class RequestTooLarge(APIException):
    """413: a body larger than Django reads into memory for a view (`DATA_UPLOAD_MAX_MEMORY_SIZE`)."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request's body is too large."
    default_code = "request_too_large"


class ServiceUnavailable(APIException):
    """503: the database cannot be reached (down, or no free connection in time).

    `wait` is the Retry-After the error handler sends.
    """

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The service is unavailable for a moment; try again shortly."
    default_code = "service_unavailable"
    wait = 5


def database_unreachable(exc: Exception) -> bool:
    """The database refused, timed out or lent no connection, rather than one query failing.

    A failed connect (or pool timeout) leaves no connection; a lost one is closed.
    A query's own error (a deadlock, a statement timeout) keeps its 500.
    """
    if not isinstance(exc, OperationalError):
        return False
    raw = connections[DEFAULT_DB_ALIAS].connection
    return raw is None or bool(raw.closed)


def field_error(field: str, detail: str, code: str) -> ValidationError:
    """A 400 on one field with a stable code: `field_error("token", "...", "invalid_token")`."""
    return ValidationError({field: [ErrorDetail(detail, code=code)]})


class ExceptionHandler(StandardizedExceptionHandler):
    """The standard error shape, also for a model's own validation (`full_clean` in services).

    Input serializers catch nearly everything first; what reaches the model is
    still a 400 naming the field, never a 500. A database out of reach is a 503
    with Retry-After, which clients and load balancers know to wait out.
    """

    def convert_known_exceptions(self, exc: Exception) -> Exception:
        if isinstance(exc, DjangoValidationError):
            return ValidationError(as_serializer_error(exc))
        if database_unreachable(exc):
            return ServiceUnavailable()
        if isinstance(exc, AuthenticationFailed) and isinstance(exc.detail, dict):
            # simplejwt's detail is a dict (`detail`, `code`, for a bad token a message
            # per token type it tried); the contract's shape is one error saying why.
            detail: dict[str, Any] = exc.detail
            messages = detail.get("messages") or [{}]
            reason = messages[0].get("message") or detail.get("detail") or exc.default_detail
            code = str(detail.get("code") or exc.default_code)
            one = AuthenticationFailed(str(reason), code=code)
            one.auth_header = getattr(exc, "auth_header", None)  # type: ignore[attr-defined]
            return one
        if isinstance(exc, RequestDataTooBig):
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            return RequestTooLarge(f"The request's body is larger than {limit} bytes.")
        if isinstance(exc, TooManyFieldsSent | TooManyFilesSent | SuspiciousMultipartForm):
            # Django answers these 400 outside DRF, and logs them as security events.
            logging.getLogger(f"django.security.{type(exc).__name__}").warning(str(exc))
            return ParseError("The request is malformed: too many fields, or a broken body.")
        return super().convert_known_exceptions(exc)
