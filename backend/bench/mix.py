"""The fixed mix of searches: each query is asked around several Dutch cities in turn.

Big cities first (Amsterdam and Rotterdam are the densest 25 km circles: some
150,000 jobs each at a million), then smaller ones, so a query's numbers are
neither the best nor the worst place alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from bench.corpus import COMMON_WORD, RARE_WORD

CENTRES = [
    ("Amsterdam", 52.37403, 4.88969),
    ("Rotterdam", 51.92250, 4.47917),
    ("The Hague", 52.07667, 4.29861),
    ("Utrecht", 52.09083, 5.12222),
    ("Eindhoven", 51.44083, 5.47778),
    ("Groningen", 53.21917, 6.56667),
    ("Zwolle", 52.51250, 6.09444),
    ("Maastricht", 50.84833, 5.68889),
]
# Common words of job titles and descriptions for the text-only query.
TEXT_WORDS = [COMMON_WORD, "heftruck", "schoonmaker", "bediening", "chauffeur", "kassa"]
MIN_WAGE = "16.00"
DEEP_PAGE = 50


@dataclass(frozen=True)
class Variant:
    """One concrete search: its API parameters (and page) and where it is."""

    params: dict[str, str]
    label: str
    page: int = 1

    @property
    def path(self) -> str:
        query = dict(self.params)
        if self.page != 1:
            query["page"] = str(self.page)
        return "/api/v1/jobs/?" + urlencode(query)


@dataclass(frozen=True)
class Query:
    name: str
    description: str
    variants: list[Variant] = field(default_factory=list)
    radius_search: bool = False  # held to the requests-per-second target


def _around(extra: dict[str, str], *, page: int = 1) -> list[Variant]:
    return [
        Variant(params={"lat": str(lat), "lon": str(lon), **extra}, label=name, page=page)
        for name, lat, lon in CENTRES
    ]


def queries() -> list[Query]:
    return [
        Query("radius_10km", "radius 10 km, nearest first", _around({"radius_km": "10"}), True),
        Query("radius_25km", "radius 25 km, nearest first", _around({"radius_km": "25"}), True),
        Query(
            "text_radius_wage_common",
            f"q={COMMON_WORD} + 25 km + min_wage {MIN_WAGE}",
            _around({"q": COMMON_WORD, "radius_km": "25", "min_wage": MIN_WAGE}),
        ),
        Query(
            "text_radius_wage_rare",
            f"q={RARE_WORD} + 25 km + min_wage {MIN_WAGE}",
            _around({"q": RARE_WORD, "radius_km": "25", "min_wage": MIN_WAGE}),
        ),
        Query(
            "text_only",
            "q=a common word, by relevance",
            [Variant(params={"q": word}, label=word) for word in TEXT_WORDS],
        ),
        Query(
            "radius_newest",
            "radius 25 km, newest first",
            _around({"radius_km": "25", "ordering": "-published_at"}),
        ),
        Query(
            "deep_page",
            f"radius 25 km, nearest first, page {DEEP_PAGE}",
            _around({"radius_km": "25"}, page=DEEP_PAGE),
        ),
    ]


def search_of(params: dict[str, str]) -> dict[str, object]:
    """The JobSearch arguments of API parameters (all the mix uses)."""
    out: dict[str, object] = {}
    for key, value in params.items():
        if key in ("lat", "lon", "radius_km"):
            out[key] = float(value)
        elif key == "min_wage":
            out[key] = Decimal(value)
        else:
            out[key] = value
    return out
