"""Points on the globe, as the database stores them (WGS84 geography)."""

from typing import Any

from django.contrib.gis.geos import Point
from rest_framework.exceptions import APIException

from apps.core import geocoding
from apps.core.exceptions import field_error


def point(*, latitude: float, longitude: float) -> Point:
    return Point(longitude, latitude, srid=4326)


def lat_lon(location: Point | None) -> tuple[float | None, float | None]:
    if location is None:
        return None, None
    return round(location.y, 6), round(location.x, 6)


class GeocoderUnavailableError(APIException):
    status_code = 503
    default_detail = (
        "Places cannot be looked up right now; give latitude and longitude, or try again."
    )
    default_code = "geocoder_unavailable"


def location_for(
    *,
    latitude: float | None,
    longitude: float | None,
    postal_code: str,
    city: str,
) -> Point | None:
    """The point of a profile or job: its coordinates, else its postal code or city geocoded.

    A place the geocoder cannot find is a 400 on `postal_code` (when only that was
    given) or `city`, never a silent null.
    """
    if latitude is not None and longitude is not None:
        return point(latitude=latitude, longitude=longitude)
    if not postal_code and not city:
        return None
    try:
        found = geocoding.geocode(postal_code=postal_code, city=city)
    except geocoding.GeocoderUnavailable as exc:
        raise GeocoderUnavailableError() from exc
    if found is None:
        if city:
            raise field_error(
                "city",
                "We could not find this place. Check it, or give latitude and longitude.",
                "place_not_found",
            )
        raise field_error(
            "postal_code",
            "We could not place this postal code. Add the city, or latitude and longitude.",
            "place_not_found",
        )
    return point(latitude=found.latitude, longitude=found.longitude)


def location_update(instance: Any, *, changes: dict[str, Any]) -> None:
    """Apply a PATCH's place fields to a model with `postal_code`, `city` and `location`.

    `latitude`/`longitude` in `changes` win; else a changed postal code or city
    is geocoded. Explicit nulls for the coordinates drop them: the point is the
    postal code's or city's again, or none without either.
    """
    coordinates_sent = "latitude" in changes
    latitude = changes.pop("latitude", None)
    longitude = changes.pop("longitude", None)
    place_changed = any(
        name in changes and changes[name] != getattr(instance, name)
        for name in ("postal_code", "city")
    )
    for name in ("postal_code", "city"):
        if name in changes:
            setattr(instance, name, changes.pop(name))
    if coordinates_sent or place_changed:
        instance.location = location_for(
            latitude=latitude,
            longitude=longitude,
            postal_code=instance.postal_code,
            city=instance.city,
        )
