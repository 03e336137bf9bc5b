"""Errors that services raise; DRF renders them in the contract's one error shape."""

from rest_framework import status
from rest_framework.exceptions import APIException, ErrorDetail, ValidationError


class Conflict(APIException):
    """409: the request is valid but clashes with the current state (`already_applied`...)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state."
    default_code = "conflict"


def field_error(field: str, detail: str, code: str) -> ValidationError:
    """A 400 on one field with a stable code: `field_error("token", "...", "invalid_token")`."""
    return ValidationError({field: [ErrorDetail(detail, code=code)]})
