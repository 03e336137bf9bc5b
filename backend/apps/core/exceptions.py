"""Errors that services raise; DRF renders them in the contract's one error shape."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_standardized_errors.handler import ExceptionHandler as StandardizedExceptionHandler
from rest_framework import status
from rest_framework.exceptions import APIException, ErrorDetail, ValidationError
from rest_framework.serializers import as_serializer_error


class Conflict(APIException):
    """409: the request is valid but clashes with the current state (`already_applied`...)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state."
    default_code = "conflict"


def field_error(field: str, detail: str, code: str) -> ValidationError:
    """A 400 on one field with a stable code: `field_error("token", "...", "invalid_token")`."""
    return ValidationError({field: [ErrorDetail(detail, code=code)]})


class ExceptionHandler(StandardizedExceptionHandler):
    """The standard error shape, also for a model's own validation (`full_clean` in services).

    Input serializers catch nearly everything first; what reaches the model is
    still a 400 naming the field, never a 500.
    """

    def convert_known_exceptions(self, exc: Exception) -> Exception:
        if isinstance(exc, DjangoValidationError):
            return ValidationError(as_serializer_error(exc))
        return super().convert_known_exceptions(exc)
