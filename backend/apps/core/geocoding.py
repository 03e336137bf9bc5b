"""Turning a Dutch postal code or place name into a point.

Profiles and jobs carry a point; when a person gives only a postal code or a
town, a geocoder supplies it. `GEOCODER_BACKEND` names the backend (a dotted
path): `OfflineGeocoder` needs no network and works from the place list the
project ships, `PdokGeocoder` asks the PDOK Locatieserver, the Dutch
government's free geocoder, and also knows every postal code.
"""

import csv
import functools
import json
import logging
import re
import unicodedata
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

PRECISION_POSTAL_CODE = "postal_code"
PRECISION_CITY = "city"

PLACES_CSV = Path(__file__).resolve().parent / "data" / "nl_places.csv"


@dataclass(frozen=True)
class GeocodeResult:
    latitude: float
    longitude: float
    label: str  # what was matched: "Utrecht", "Dam, 1012JS Amsterdam"
    precision: str  # PRECISION_POSTAL_CODE or PRECISION_CITY


class GeocoderUnavailable(Exception):  # noqa: N818 - the name the callers know
    """The backend could not answer (network, timeout, bad reply); the place may well exist."""


class Geocoder(ABC):
    @abstractmethod
    def locate(self, *, postal_code: str = "", city: str = "") -> GeocodeResult | None:
        """Where the postal code (stored form, "1234 AB") or else the city lies.

        None means the place is not known; GeocoderUnavailable means the
        backend could not tell.
        """


# --- Offline -----------------------------------------------------------------

# Lower wins: a curated alias ("Den Haag") before a place's own name, before a
# municipality's seat, before another spelling of some place.
_KIND_RANK = {"alias": 0, "place": 1, "municipality": 2, "alternate": 3}
_WORD_SPLIT = re.compile(r"[^0-9a-z]+")


def place_key(name: str) -> str:
    """The form names are compared in: no case, accents, spaces, hyphens or apostrophes.

    "'s-Hertogenbosch", "s Hertogenbosch" and "S-HERTOGENBOSCH" meet, and so do
    the spellings people mix up: "y" and "ij" (Cuyk, Cuijk), "St." and
    "Sint", "aan den" and "aan de". bin/build_nl_places.py keeps a copy.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = [word.replace("y", "ij") for word in _WORD_SPLIT.split(bare) if word]
    for i, word in enumerate(words):
        if word == "st":
            words[i] = "sint"
        elif word in ("den", "der") and i > 0 and words[i - 1] == "aan":
            words[i] = "de"
    return "".join(words)


@functools.cache
def _load_places(path: Path) -> dict[str, GeocodeResult]:
    best: dict[str, tuple[tuple[int, int], GeocodeResult]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            rank = (_KIND_RANK[row["kind"]], -int(row["population"]))
            key = place_key(row["name"])
            if key in best and best[key][0] <= rank:
                continue
            result = GeocodeResult(
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                label=row["name"],
                precision=PRECISION_CITY,
            )
            best[key] = (rank, result)
    return {key: result for key, (_, result) in best.items()}


class OfflineGeocoder(Geocoder):
    """Places and municipalities of the Netherlands from the list in apps/core/data.

    It knows places, not postal codes: a postal code alone gives None, and
    when a city comes with it the city decides. When a name belongs to more
    than one place, the most populous one is taken.
    """

    def __init__(self, *, data_path: Path = PLACES_CSV) -> None:
        self.data_path = data_path

    def locate(self, *, postal_code: str = "", city: str = "") -> GeocodeResult | None:
        key = place_key(city)
        if not key:
            return None
        return _load_places(self.data_path).get(key)


# --- PDOK Locatieserver ------------------------------------------------------

_POINT = re.compile(r"^\s*POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)\s*$")
_PRECISION_BY_TYPE = {"postcode": PRECISION_POSTAL_CODE, "woonplaats": PRECISION_CITY}
_MAX_REPLY_BYTES = 1_000_000


class PdokGeocoder(Geocoder):
    """The PDOK Locatieserver's /free search: the postal code's point, the city checked.

    A postal code is looked up as a postal code and must come back as itself
    (the search is fuzzy: a neighbour is not the place). A city that comes with
    it must be the postal code's town or a town PDOK knows (a second lookup),
    so a made-up city is not stored beside a real postal code. Without a
    postal code, or when PDOK does not know it, the city decides.

    The URL and timeout come from PDOK_LOCATIESERVER_URL and
    GEOCODER_TIMEOUT_SECONDS when the call is made, unless given here.
    """

    def __init__(self, *, base_url: str | None = None, timeout: float | None = None) -> None:
        self.base_url = base_url
        self.timeout = timeout

    def locate(self, *, postal_code: str = "", city: str = "") -> GeocodeResult | None:
        code = postal_code.replace(" ", "").strip().upper()
        name = city.strip()
        found = self._first(code, kind="postcode") if code else None
        if found is not None and str(found[1].get("postcode", code)).upper() != code:
            found = None
        if not name:
            return found[0] if found else None
        if found is not None and place_key(str(found[1].get("woonplaatsnaam", ""))) == place_key(
            name
        ):
            return found[0]
        in_city = self._first(name, kind="woonplaats")
        if in_city is None:
            return None
        return found[0] if found else in_city[0]

    def _first(self, query: str, *, kind: str) -> tuple[GeocodeResult, dict[str, Any]] | None:
        """The best hit of this kind, and PDOK's document of it."""
        reply = self._fetch(query, kind=kind)
        try:
            docs = reply["response"]["docs"]
            if not docs:
                return None
            doc = docs[0]
            match = _POINT.match(doc["centroide_ll"])
            if match is None:
                raise ValueError(f"centroide_ll {doc['centroide_ll']!r} is not a POINT")
            result = GeocodeResult(
                latitude=float(match.group(2)),
                longitude=float(match.group(1)),
                label=str(doc["weergavenaam"]),
                precision=_PRECISION_BY_TYPE[doc["type"]],
            )
            if not (-90 <= result.latitude <= 90 and -180 <= result.longitude <= 180):
                raise ValueError(f"centroide_ll {doc['centroide_ll']!r} is off the globe")
            return result, doc
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            logger.warning("PDOK Locatieserver sent an unusable reply for %r: %r", query, exc)
            raise GeocoderUnavailable("unusable reply from the PDOK Locatieserver") from exc

    def _fetch(self, query: str, *, kind: str) -> dict:
        base_url = self.base_url or settings.PDOK_LOCATIESERVER_URL
        timeout = self.timeout if self.timeout is not None else settings.GEOCODER_TIMEOUT_SECONDS
        if urlsplit(base_url).scheme not in ("http", "https"):
            raise ImproperlyConfigured("PDOK_LOCATIESERVER_URL must be an http(s) URL.")
        params = {
            "q": query,
            "fq": f"type:{kind}",
            "rows": "1",
            "fl": "weergavenaam,type,centroide_ll,postcode,woonplaatsnaam",
        }
        # The scheme was checked above: only http(s) reaches urllib.
        request = urllib.request.Request(  # noqa: S310
            f"{base_url.rstrip('/')}/free?{urlencode(params)}",
            headers={"Accept": "application/json"},
        )
        try:
            response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310  # nosec B310
            with response:
                status = response.status
                body = response.read(_MAX_REPLY_BYTES + 1)
        except urllib.error.HTTPError as exc:
            logger.warning("PDOK Locatieserver answered %s for %r", exc.code, query)
            raise GeocoderUnavailable(f"PDOK Locatieserver answered {exc.code}") from exc
        except (urllib.error.URLError, HTTPException, OSError) as exc:
            logger.warning("PDOK Locatieserver could not be reached for %r: %r", query, exc)
            raise GeocoderUnavailable("PDOK Locatieserver could not be reached") from exc
        if status != 200:
            logger.warning("PDOK Locatieserver answered %s for %r", status, query)
            raise GeocoderUnavailable(f"PDOK Locatieserver answered {status}")
        if len(body) > _MAX_REPLY_BYTES:
            logger.warning("PDOK Locatieserver sent more than %s bytes", _MAX_REPLY_BYTES)
            raise GeocoderUnavailable("reply from the PDOK Locatieserver too large")
        try:
            reply = json.loads(body)
        except ValueError as exc:
            logger.warning("PDOK Locatieserver sent malformed JSON for %r: %r", query, exc)
            raise GeocoderUnavailable("malformed JSON from the PDOK Locatieserver") from exc
        if not isinstance(reply, dict):
            logger.warning("PDOK Locatieserver sent a %s for %r", type(reply).__name__, query)
            raise GeocoderUnavailable("unusable reply from the PDOK Locatieserver")
        return reply


# --- Entry points ------------------------------------------------------------


@functools.cache
def _geocoder_at(path: str) -> Geocoder:
    backend = import_string(path)()
    if not isinstance(backend, Geocoder):
        raise ImproperlyConfigured(f"GEOCODER_BACKEND {path!r} is not a Geocoder.")
    return backend


def get_geocoder() -> Geocoder:
    """The backend GEOCODER_BACKEND names; one instance per dotted path."""
    return _geocoder_at(settings.GEOCODER_BACKEND)


def geocode(*, postal_code: str = "", city: str = "") -> GeocodeResult | None:
    return get_geocoder().locate(postal_code=postal_code, city=city)
