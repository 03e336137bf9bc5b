"""Search results as JSON-ready dicts, straight from the rows: the lean JobSerializer.

Renders exactly what JobSerializer renders for anyone (no risk flags), with
`distance_km` when the search gave a point; the tests compare the two.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from apps.employers.models import EmployerProfile

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _datetime(micros: int | None, tz: tzinfo) -> str | None:
    """Microseconds since the epoch as DRF's DateTimeField renders the moment.

    In the current time zone, ISO 8601, UTC as Z.
    """
    if micros is None:
        return None
    text = (EPOCH + timedelta(microseconds=micros)).astimezone(tz).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _coordinate(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def job(row: tuple[Any, ...], tz: tzinfo, *, with_distance: bool) -> dict[str, Any]:
    """A job from a row of sql.PAGE_COLUMNS (and the distance in metres, with a point)."""
    (
        job_id, title, description, category, employment_type, hourly_wage, hours_per_week,
        min_age, positions, starts_on, ends_on, address, postal_code, city, latitude, longitude,
        status, published_at, expires_at, employer_id, company_name, verification_status, *rest,
    ) = row  # fmt: skip
    rendered: dict[str, Any] = {
        "id": job_id,
        "employer": {
            "id": employer_id,
            "company_name": company_name,
            "is_verified": verification_status == EmployerProfile.VerificationStatus.APPROVED,
        },
        "title": title,
        "description": description,
        "category": category,
        "employment_type": employment_type,
        "hourly_wage": hourly_wage,
        "hours_per_week": hours_per_week,
        "min_age": min_age,
        "positions": positions,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "address": address,
        "postal_code": postal_code,
        "city": city,
        "latitude": _coordinate(latitude),
        "longitude": _coordinate(longitude),
        "status": status,
        "published_at": _datetime(published_at, tz),
        "expires_at": _datetime(expires_at, tz),
    }
    if with_distance and rest and rest[0] is not None:
        rendered["distance_km"] = round(float(rest[0]) / 1000, 2)
    return rendered
