import copy
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import unquote

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from apps.core.geo import lat_lon
from apps.core.validators import (
    MinVisibleLengthValidator,
    normalize_kvk_number,
    normalize_postal_code,
    normalize_website,
    validate_no_bsn,
    validate_one_line,
)


class StrictFieldsMixin:
    """Refuse fields a serializer does not know instead of silently dropping them.

    Read-only fields the serializer does know are still ignored, so a client may
    send back what it read.
    """

    fields: Any

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {
                        name: [ErrorDetail("This field is not allowed.", code="unknown_field")]
                        for name in unknown
                    }
                )
        return super().to_internal_value(data)  # type: ignore[misc]


class ShallowFieldsMixin:
    """Copy the declared fields shallowly where DRF deep-copies them for every instance.

    DRF's deep copy builds each field anew (its arguments copied, its validators
    made again), which costs a hot endpoint more than validating its input. A
    shallow copy is enough for a serializer of plain fields: the declared fields
    are never bound themselves, each copy is bound on its own, and what the
    copies share (validators, choices, error messages, a list's child) is only
    read. Not for nested serializers, whose fields are bound to their parent.
    """

    _declared_fields: dict[str, serializers.Field]

    def get_fields(self) -> dict[str, serializers.Field]:
        return {name: copy.copy(field) for name, field in self._declared_fields.items()}


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


def _django_errors_to_drf(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(
        exc.messages[0], code=getattr(exc, "code", None) or "invalid"
    )


class _NormalisedCharField(serializers.CharField):
    """A string that a normaliser of apps.core.validators turns into its one stored form."""

    normalise: Callable[[str], str]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 16)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if not value:
            return value
        try:
            return type(self).normalise(value)
        except DjangoValidationError as exc:
            raise _django_errors_to_drf(exc) from exc


class PostalCodeField(_NormalisedCharField):
    """A Dutch postal code in any common spelling, stored as `1234 AB`."""

    normalise = staticmethod(normalize_postal_code)


class KvkNumberField(_NormalisedCharField):
    """A KvK number: 8 digits, spaces and dots allowed on the way in."""

    normalise = staticmethod(normalize_kvk_number)


class WebsiteField(serializers.URLField):
    """A public website, http or https, stored as `normalize_website` writes it.

    `normalize_website` checks the link once: URLField's own validator would report
    a bad link a second time (and allows ftp). A BSN in a link is refused too.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, URLValidator)]

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        try:
            validate_no_bsn(unquote(value))
            return normalize_website(value)
        except DjangoValidationError as exc:
            raise _django_errors_to_drf(exc) from exc


class FreeTextField(serializers.CharField):
    """Text people write; it may not hold a BSN (400 `contains_bsn`)."""

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        try:
            validate_no_bsn(value)
        except DjangoValidationError as exc:
            raise _django_errors_to_drf(exc) from exc
        return value


class LineField(FreeTextField):
    """One line people write: a name, a title, a place, a skill.

    No line breaks, tabs or other control characters, and no bidi overrides or
    isolates (400 `invalid`); at least `min_length` characters that show, or one
    when there is no minimum (an invisible name is no name). Text of many lines
    (a bio, a description) is a FreeTextField.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(validate_one_line)
        self.validators.append(MinVisibleLengthValidator(self.min_length))


class LocationInputMixin(serializers.Serializer):
    """Flat `latitude`/`longitude` in bodies: both or neither, within the globe's ranges."""

    latitude = serializers.FloatField(min_value=-90, max_value=90, required=False, allow_null=True)
    longitude = serializers.FloatField(
        min_value=-180, max_value=180, required=False, allow_null=True
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        has_lat, has_lon = "latitude" in attrs, "longitude" in attrs
        if has_lat != has_lon or (
            has_lat and (attrs["latitude"] is None) != (attrs["longitude"] is None)
        ):
            missing = "longitude" if has_lat else "latitude"
            raise serializers.ValidationError(
                {missing: [ErrorDetail("Give latitude and longitude together.", code="required")]}
            )
        return attrs


class LocationOutputMixin(serializers.Serializer):
    latitude = serializers.SerializerMethodField()
    longitude = serializers.SerializerMethodField()

    def get_latitude(self, obj: Any) -> float | None:
        return lat_lon(obj.location)[0]

    def get_longitude(self, obj: Any) -> float | None:
        return lat_lon(obj.location)[1]
