"""The orjson renderer writes exactly what DRF's JSONRenderer writes."""

import uuid
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from rest_framework import renderers
from rest_framework.exceptions import ErrorDetail

from apps.core.renderers import JSONRenderer

AMSTERDAM_WINTER = timezone(timedelta(hours=1))

PAYLOADS = [
    {"count": 0, "next": None, "results": []},
    {
        "id": uuid.UUID("5b0d3f1e-8a37-4d0c-9d4e-2f1b6c7a8e90"),
        "title": "Magazijnmedewerker (m/v) \u2013 Zaandam, €14,71 per uur",
        "hourly_wage": Decimal("14.71"),
        "distance_km": 4.25,
        "published_at": datetime(2026, 11, 27, 9, 30, tzinfo=UTC),
        "expires_at": datetime(2026, 12, 27, 10, 30, 0, 123456, tzinfo=AMSTERDAM_WINTER),
        "starts_on": date(2026, 12, 1),
        "shift_starts": time(6, 30),
        "flags": [True, False, None],
        "nested": {"level": {"deeper": [1, 2.5, "drie"]}},
    },
    {
        "errors": [
            {"code": "invalid", "detail": ErrorDetail("Geen geldige waarde.", code="invalid")}
        ]
    },
    {"message": gettext_lazy("This field is required.")},
    {"text": "line\u2028separator and paragraph\u2029separator, emoji 🐝"},
    [{"a": 1}, {"b": [None]}],
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_text_is_drfs(payload):
    assert JSONRenderer().render(payload) == renderers.JSONRenderer().render(payload)


def test_nothing_renders_as_an_empty_body():
    assert JSONRenderer().render(None) == b""


def test_indented_json_when_asked_is_drfs():
    payload = {"a": [1, {"b": "c"}]}
    media_type = "application/json; indent=2"

    rendered = JSONRenderer().render(payload, media_type, {})

    assert rendered == renderers.JSONRenderer().render(payload, media_type, {})
    assert rendered.startswith(b'{\n  "a"')
