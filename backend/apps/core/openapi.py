"""The error shapes the OpenAPI schema documents, as the API really answers them.

drf-standardized-errors documents a 400 from each request serializer's own fields
and their built-in codes, and a 403 only as `permission_denied`. Our answers
carry domain codes (`below_minimum_wage`, `contains_bsn`, `employer_not_verified`,
`unknown_field` for a field no endpoint takes...), and query parameters are
validated too, so those generated schemas refused real answers. These document
the contract's one shape instead (`../shared/api.md`): a stable `code`, a human
`detail` and the field in `attr`; each operation's description names its codes.
"""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer
from drf_standardized_errors.openapi import AutoSchema as StandardizedAutoSchema
from drf_standardized_errors.openapi_serializers import (
    ClientErrorEnum,
    ParseErrorResponseSerializer,
    ServerErrorEnum,
    ValidationErrorEnum,
)
from rest_framework import serializers

from apps.core.serializers import StrictFieldsMixin


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable and machine-readable, such as `not_found`.")
    detail = serializers.CharField(help_text="For people; its wording may change.")
    attr = serializers.CharField(
        allow_null=True,
        help_text="The field at fault (`skills.0` inside a list), or null for the request as a whole.",
    )


class ClientErrorResponseSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=ClientErrorEnum.choices)
    errors = ErrorSerializer(many=True)  # type: ignore[assignment]  # the contract's name


class ServerErrorResponseSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=ServerErrorEnum.choices)
    errors = ErrorSerializer(many=True)  # type: ignore[assignment]  # the contract's name


SERVICE_UNAVAILABLE = OpenApiResponse(
    ServerErrorResponseSerializer,
    description=(
        "503 `service_unavailable`: the database cannot be reached for the moment; "
        "the `Retry-After` header says how many seconds to wait before trying again."
    ),
)


class ValidationErrorResponseSerializer(ClientErrorResponseSerializer):
    type = serializers.ChoiceField(choices=ValidationErrorEnum.choices)


ERROR_RESPONSE_400 = PolymorphicProxySerializer(
    component_name="ErrorResponse400",
    serializers={
        "validation_error": ValidationErrorResponseSerializer,
        "client_error": ParseErrorResponseSerializer,
    },
    resource_type_field_name="type",
)


# What a 401 says: simplejwt's codes besides DRF's own.
ERROR_CODES_401 = [
    "not_authenticated",
    "authentication_failed",
    "token_not_valid",
    "bad_authorization_header",
    "user_not_found",
    "user_inactive",
    "password_changed",
]


class Error401Serializer(ErrorSerializer):
    code = serializers.ChoiceField(  # type: ignore[assignment]  # a narrower string
        choices=ERROR_CODES_401,
        help_text="`token_not_valid`: the access token is malformed or expired (refresh it).",
    )


class ErrorResponse401Serializer(ClientErrorResponseSerializer):
    errors = Error401Serializer(many=True)


def conflict(codes: str) -> OpenApiResponse:
    """A documented 409: `conflict("`already_applied`, `job_not_open`")`."""
    return OpenApiResponse(ClientErrorResponseSerializer, description=f"409 {codes}")


class AutoSchema(StandardizedAutoSchema):
    """drf-standardized-errors' schema, with what drf-spectacular cannot know of ours.

    A serializer may name fields it can leave out, `Meta.fields_left_out =
    ("distance_km",)`: read-only fields are documented as always present, and these
    are not (a job's distance only comes with a point). A request body that refuses
    fields it does not know (StrictFieldsMixin: 400 `unknown_field`) is documented
    with `additionalProperties: false`, unless it has read-only fields (which it
    takes back and ignores).
    """

    def _should_add_error_response(self, responses: dict[str, Any], status_code: str) -> bool:
        if status_code == "413":  # a body too large for the server or for Django to read
            return self.method in ("POST", "PUT", "PATCH") and super()._should_add_error_response(
                responses, status_code
            )
        return bool(super()._should_add_error_response(responses, status_code))

    def _map_basic_serializer(self, serializer: Any, direction: str) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_basic_serializer(serializer, direction)
        left_out = getattr(getattr(serializer, "Meta", None), "fields_left_out", ())
        if left_out and "required" in schema:
            schema["required"] = [name for name in schema["required"] if name not in left_out]
            if not schema["required"]:
                del schema["required"]
        if (
            direction == "request"
            and isinstance(serializer, StrictFieldsMixin)
            and not any(field.read_only for field in serializer.fields.values())
        ):
            # Read-only fields it knows are taken and ignored, so only then is it closed.
            schema["additionalProperties"] = False
        return schema


ROLE_VIEWS: set[str] = set()


def role_views(component_name: str, *views: type[serializers.Serializer]) -> Any:
    """One object as different callers see it: documented as anyOf the views.

    oneOf would be wrong: the fuller view (a job for its owner) matches the plainer
    one too. `views_by_role_any_of` turns exactly these components into anyOf.
    """
    ROLE_VIEWS.add(component_name)
    return PolymorphicProxySerializer(
        component_name=component_name, serializers=list(views), resource_type_field_name=None
    )


def views_by_role_any_of(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """A drf-spectacular postprocessing hook: the components of `role_views` are anyOf."""
    components = result.get("components", {}).get("schemas", {})
    for name in ROLE_VIEWS & set(components):
        component = components[name]
        if "oneOf" in component:
            component["anyOf"] = component.pop("oneOf")
    return result
