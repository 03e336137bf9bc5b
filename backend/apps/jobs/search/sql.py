"""The search's SQL: its conditions as fragments with named parameters, and its estimates.

Every statement is assembled from this package's constant fragments; every value
the caller gave is a parameter.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from apps.jobs.models import RD_NEW, Job

if TYPE_CHECKING:
    from apps.jobs.search import JobSearch

TIER_TITLE, TIER_CATEGORY, TIER_ELSEWHERE = 3, 2, 1
# A circle covers this share of its bounding box: the radius' estimate is its box's.
CIRCLE_IN_BOX = math.pi / 4

# An employer's jobs vanish as soon as it is not approved: a hashed list of the
# employers that are not, read once a query through their status index. Every
# status but approved, written out (a test holds it to the model's statuses).
EMPLOYER_APPROVED = (
    "j.employer_id NOT IN (SELECT e.id FROM employers_employerprofile e WHERE"
    " e.verification_status = ANY('{unverified,pending,rejected,suspended}'::text[]))"
)
PUBLISHED = "j.status = 'published'"
VISIBLE = f"{PUBLISHED} AND j.expires_at > %(now)s AND {EMPLOYER_APPROVED}"

ORIGIN = "%(origin)s::geography"
# ST_DWithin(location, origin, r) as what it means: the planner estimates the box from
# the column's statistics, where it guesses a hundred rows for ST_DWithin itself.
IN_BOX = f"j.location && _st_expand({ORIGIN}, %(radius)s)"
IN_RADIUS = f"_st_dwithin(j.location, {ORIGIN}, %(radius)s, true)"
KNN_SPHERE = f"j.location <-> {ORIGIN}"
# Near the Netherlands, nearest first walks the Dutch grid's planar index instead
# (location_rd): a point's distance is exact in a planar index, where the sphere's
# is rechecked on every row. The grid's distances are within GRID_ERROR of the
# geodesic ones over GRID_AREA (tested), so its box with that margin holds the
# radius, and a row that near is in the radius without measuring on the spheroid.
GRID_AREA = {"lat": (49.0, 55.5), "lon": (1.0, 9.5)}
GRID_ERROR = 0.005
ORIGIN_GRID = f"ST_Transform(%(origin)s::geometry, {RD_NEW})"
KNN_GRID = f"j.location_rd <-> {ORIGIN_GRID}"
IN_GRID_BOX = f"j.location_rd && ST_Expand({ORIGIN_GRID}, %(grid_radius)s)"
IN_RADIUS_BY_GRID = f"({KNN_GRID} < %(grid_inside)s OR {IN_RADIUS})"

# The words, and title words like them (typos, compounds: `Words`), in the stored
# text vector; the title tier in the vector's title weight, or in the title's own
# GIN index (whose vector has no weights: the same words unweighted).
TEXT = "j.search_vector @@ %(tsq)s::tsquery"
TITLE = "j.search_vector @@ %(tsq_title)s::tsquery"
TITLE_INDEXED = (
    "(to_tsvector('dutch'::regconfig, j.title::text)"
    " || to_tsvector('english'::regconfig, j.title::text)) @@ %(tsq_plain)s::tsquery"
)
TITLE_OR_CATEGORY = "j.search_vector @@ %(tsq_title_category)s::tsquery"
# Implied by a category match that the title does not make: narrows that tier cheaply.
CATEGORY_NAMED = "j.category = ANY(%(categories_named)s)"
TIER = (
    f"(CASE WHEN {TITLE} THEN {TIER_TITLE} WHEN {TITLE_OR_CATEGORY} THEN {TIER_CATEGORY}"
    f" ELSE {TIER_ELSEWHERE} END)"
)

# Each ordering's full sort key, and the index order a walk reads (all the indexes
# are partial on status = 'published'; see migrations 0004 and 0005). By distance,
# both are the query's `knn`.
SORT_KEYS = {
    "-published_at": "j.published_at DESC, j.id",
    "-hourly_wage": "j.hourly_wage DESC, j.published_at DESC, j.id",
    "relevance": f"{TIER} DESC, j.published_at DESC, j.id",
}
WALK_ORDER = {
    "-published_at": "j.published_at DESC, j.id",
    "-hourly_wage": "j.hourly_wage DESC, j.published_at DESC, j.id",
    "relevance": "j.published_at DESC, j.id",
}

# The job's columns that PAGE_COLUMNS reads: a walk's hits carry them, so that its
# page is read from the hits alone (a second pass over jobs_job cost as much
# planning as the walk, and as much time again for a page of 20: measured).
CARRIED_COLUMNS = (
    "j.id, j.title, j.description, j.category, j.employment_type, j.hourly_wage,"
    " j.hours_per_week, j.min_age, j.positions, j.starts_on, j.ends_on, j.address,"
    " j.postal_code, j.city, j.location, j.status, j.published_at, j.expires_at, j.employer_id"
)
# Identifiers, the wage and the dates come as the API's text (uuid, two decimals,
# ISO dates), which loads as a str in C where a UUID, a Decimal or a date would go
# through Python code twice (loading, then rendering).
PAGE_COLUMNS = (
    "j.id::text, j.title, j.description, j.category, j.employment_type, j.hourly_wage::text,"
    " j.hours_per_week, j.min_age, j.positions, to_char(j.starts_on, 'YYYY-MM-DD'),"
    " to_char(j.ends_on, 'YYYY-MM-DD'), j.address, j.postal_code, j.city,"
    " ST_Y(j.location::geometry), ST_X(j.location::geometry), j.status,"
    # Microseconds since the epoch: an integer loads in C, a timestamptz through
    # Python code of Django's and psycopg's (render.py turns it into DRF's text).
    " (extract(epoch FROM j.published_at) * 1000000)::bigint,"
    " (extract(epoch FROM j.expires_at) * 1000000)::bigint,"
    " e.id::text, e.company_name, e.verification_status"
)
DISTANCE_COLUMN = f", ST_Distance(j.location, {ORIGIN})"

_LEXEME = re.compile(r"'(?:[^']|'')*'")


def with_weights(tsquery: str, weights: str) -> str:
    """The same query with each word restricted to the weights given ('A': the title; '': any)."""
    if not weights:
        return tsquery
    return _LEXEME.sub(lambda m: f"{m.group(0)}:{weights}", tsquery)


CATEGORY_CODES = list(Job.Category.values)
# A search word's title words like it: at most this many, the most alike first, and
# only those nearly as alike as the most alike (pg_trgm's word similarity, 0 to 1):
# a typo means one word, and `kasamedewerker` is `kassamedewerker` (0.82), not
# every other `medewerker` (0.6). A word within a title word is alike 1.0.
SIMILAR_WORDS = 40
SIMILAR_MARGIN = 0.15


# A tsquery's text in pieces: a lexeme, a bracket, an AND or OR, or anything else.
_PIECE = re.compile(r"'(?:[^']|'')*'|[()&|]|[^'()&|]+")


def _deduped(tsquery: str) -> str:
    """The tsquery with an operand repeated in an AND (or an OR) once: `'a' & 'a'` is `'a'`.

    The planner multiplies the words' shares, so a word written eight times was
    estimated to match a few jobs where it matched fifty thousand, and the exact
    plan read and sorted them all (0.8 s over 200,000 jobs). NOT binds tighter
    than the phrase operators, they than AND, AND than OR: the operands of an AND
    at the top level are whole, and dropping a repeat does not change what matches.
    """
    alternatives: list[list[str]] = []
    operands: list[str] = []
    current: list[str] = []
    depth = 0
    for piece in _PIECE.findall(tsquery):
        if depth == 0 and piece in ("&", "|"):
            operands.append("".join(current).strip())
            current = []
            if piece == "|":
                alternatives.append(operands)
                operands = []
            continue
        depth += (piece == "(") - (piece == ")")
        current.append(piece)
    operands.append("".join(current).strip())
    alternatives.append(operands)
    deduped = " | ".join(dict.fromkeys(" & ".join(dict.fromkeys(a)) for a in alternatives))
    return tsquery if deduped == tsquery else deduped


def _any(*tsqueries: str) -> str:
    """The tsqueries (text) or'ed, leaving out empty ones."""
    given = [t for t in tsqueries if t]
    return given[0] if len(given) == 1 else " | ".join(f"({t})" for t in given)


def _quoted(lexeme: str) -> str:
    """A lexeme as tsquery text writes it."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


# A tsquery's text in parts: a lexeme (and its weights or prefix mark), a NOT, a
# bracket, or anything else (operators, spaces).
_PART = re.compile(r"(?P<lexeme>'(?:[^']|'')*')(?::[*A-D]+)?|(?P<mark>[!()])|[^'!()]+")


def _widened(tsquery: str, alike: dict[str, str], weights: str) -> str:
    """The tsquery with each lexeme it asks for or'ed with the title words like it.

    Lexemes under a NOT (`!'x'`, `!( ... )`) stay as they are: an excluded word
    stays excluded, and its look-alikes are not asked for either. Phrases, ORs and
    weights keep their places.
    """
    if not alike:
        return tsquery
    out: list[str] = []
    negated = [False]  # for each open bracket: whether the group is under a NOT
    bang = False
    for part in _PART.finditer(tsquery):
        text, lexeme, mark = part.group(0), part.group("lexeme"), part.group("mark")
        if lexeme:
            similar = alike.get(lexeme)
            if similar and not (bang or negated[-1]):
                text = f"({text} | {with_weights(similar, weights)})"
            bang = False
        elif mark == "!":
            bang = True
        elif mark == "(":
            negated.append(bang or negated[-1])
            bang = False
        elif mark == ")" and len(negated) > 1:
            negated.pop()
        out.append(text)
    return "".join(out)


@dataclass(frozen=True)
class Words:
    """A search's words as tsquery text, in the forms its conditions use.

    `exact` is the words as written (websearch syntax, Dutch or English stems);
    `alike` gives, for a lexeme of theirs, the published titles' words like the
    word it came from (pg_trgm's word similarity, accents aside), or'ed. The
    search asks for each lexeme or a title word like it, in a title only: the
    query's ORs, phrases and exclusions stay as the words say.
    """

    exact: str
    alike: tuple[tuple[str, str], ...]  # (quoted lexeme, its title words like it)
    categories: tuple[str, ...]  # the categories whose names share a stem with the words

    @functools.cached_property
    def forms(self) -> dict[str, str]:
        """The tsqueries the search's conditions bind, by parameter name.

        Derived once: `words` reads it before keeping the object, so a search that
        finds its words kept finds these too.
        """
        alike = dict(self.alike)
        plain = _widened(self.exact, alike, "")
        return {
            "tsq": _widened(self.exact, alike, "A"),
            "tsq_plain": plain,
            "tsq_title": with_weights(plain, "A"),
            "tsq_title_category": _widened(with_weights(self.exact, "AB"), alike, "A"),
        }

    @property
    def tsq(self) -> str:
        return self.forms["tsq"]

    @property
    def tsq_title(self) -> str:
        return self.forms["tsq_title"]

    @property
    def tsq_title_category(self) -> str:
        return self.forms["tsq_title_category"]


NO_WORDS = Words("", (), ())

# One round trip: the words parsed, the categories they name, and for each word
# (jobs_title_words: the tokens the vocabulary holds) its own lexemes and those of
# the title words like it, accents aside (jobs_fold).
_WORDS_SQL = """
    SELECT websearch_to_tsquery('dutch', %(q)s)::text,
        websearch_to_tsquery('english', %(q)s)::text,
        array(
            SELECT c FROM unnest(%(codes)s::text[]) c
            WHERE tsvector_to_array(to_tsvector('dutch', c) || to_tsvector('english', c))
                && tsvector_to_array(to_tsvector('dutch', %(q)s) || to_tsvector('english', %(q)s))
        ),
        (
            SELECT json_agg(json_build_array(
                tsvector_to_array(to_tsvector('dutch', t) || to_tsvector('english', t)), a.alike
            ))
            FROM jobs_title_words(%(q)s) t
            CROSS JOIN LATERAL (
                SELECT array_agg(DISTINCT l) AS alike
                FROM (
                    SELECT v.word FROM (
                        SELECT v.word, word_similarity(jobs_fold(t), jobs_fold(v.word)) AS alike,
                            max(word_similarity(jobs_fold(t), jobs_fold(v.word))) OVER () AS best
                        FROM jobs_titleword v WHERE jobs_fold(t) <%% jobs_fold(v.word)
                    ) v
                    WHERE v.alike >= v.best - %(margin)s
                    ORDER BY v.alike DESC, v.word LIMIT %(similar)s
                ) v
                CROSS JOIN LATERAL unnest(tsvector_to_array(
                    to_tsvector('dutch', v.word) || to_tsvector('english', v.word)
                )) l
            ) a
            WHERE a.alike IS NOT NULL
        )
"""


def _alike(found: list[list[list[str]]] | None) -> tuple[tuple[str, str], ...]:
    """Each lexeme of the words and its title words like it but itself (or'ed, quoted)."""
    alike: dict[str, set[str]] = {}
    for own, similar in found or ():
        mine = {_quoted(lexeme) for lexeme in own}
        for lexeme in mine:
            alike.setdefault(lexeme, set()).update({_quoted(s) for s in similar} - mine)
    return tuple(sorted((k, " | ".join(sorted(v))) for k, v in alike.items() if v))


def words(q: str) -> Words:
    """The search's words (`Words`): one round trip, kept per process SEARCH_WORDS_SECONDS.

    People search for the same few words over and over. The similar words follow the
    published titles: a word new in titles is found by its typos that much later (by
    itself at once: the text vector is current).
    """
    if not q:
        return NO_WORDS
    seconds = settings.SEARCH_WORDS_SECONDS
    key = f"jobs:search:words:{hashlib.sha256(q.encode()).hexdigest()}" if seconds else ""
    if key and (kept := caches["local"].get(key)) is not None:
        return cast(Words, kept)
    params: dict[str, Any] = {
        "q": q,
        "codes": CATEGORY_CODES,
        "similar": SIMILAR_WORDS,
        "margin": SIMILAR_MARGIN,
    }
    with connection.cursor() as cursor:
        cursor.execute(_WORDS_SQL, params)
        dutch, english, categories, alike = cursor.fetchone()
    # A word that is a stop word in one language only is looked for as the other reads
    # it (`door` is English's door); nothing left in either (`in is`, `!`): no words.
    dutch, english = _deduped(dutch), _deduped(english)
    found = Words(
        exact=dutch if dutch == english else _any(dutch, english),
        alike=_alike(alike),
        categories=tuple(categories or ()),
    )
    if key:
        found.forms  # noqa: B018  # derived now, so the copy kept carries it
        caches["local"].set(key, found, timeout=seconds)
    return found


def fetch(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


@dataclass
class Query:
    """One search as SQL: its conditions (beyond visibility) and their parameters."""

    search: JobSearch
    params: dict[str, Any]
    conditions: list[str]

    @property
    def has_text(self) -> bool:
        """Whether the search looks for words: a q of stop words only searches as a blank one."""
        return TEXT in self.conditions

    @property
    def ordering(self) -> str:
        """The search's ordering; by relevance without words to weigh, every job ties: newest."""
        ordering = self.search.effective_ordering
        return "-published_at" if ordering == "relevance" and not self.has_text else ordering

    @property
    def has_point(self) -> bool:
        return self.search.has_point

    def conditions_but(self, *left_out: str) -> list[str]:
        return [c for c in self.conditions if c not in left_out]

    @property
    def filters(self) -> list[str]:
        """The conditions but the radius and the words: each has an index (migration 0009)."""
        return self.conditions_but(IN_BOX, IN_RADIUS, TEXT)

    @property
    def on_grid(self) -> bool:
        """Whether nearest first walks the Dutch grid's index (a point in GRID_AREA)."""
        return self.has_point and on_grid(self.search.lat, self.search.lon)  # type: ignore[arg-type]

    @property
    def knn(self) -> str:
        """The distance that nearest first orders by: on the grid, or on the sphere."""
        return KNN_GRID if self.on_grid else KNN_SPHERE

    def sort_keys(self, ordering: str) -> str:
        if ordering == "distance":
            return f"{self.knn}, j.published_at DESC, j.id"
        return SORT_KEYS[ordering]

    def walk_order(self, ordering: str) -> str:
        return self.knn if ordering == "distance" else WALK_ORDER[ordering]


def on_grid(lat: float, lon: float) -> bool:
    (south, north), (west, east) = GRID_AREA["lat"], GRID_AREA["lon"]
    return south <= lat <= north and west <= lon <= east


def build(search: JobSearch) -> Query:
    params: dict[str, Any] = {"now": timezone.now()}
    conditions: list[str] = []
    if search.has_point:
        params["origin"] = f"SRID=4326;POINT({search.lon!r} {search.lat!r})"
        params["radius"] = float(search.radius_km) * 1000
        if on_grid(search.lat, search.lon):  # type: ignore[arg-type]
            params["grid_radius"] = params["radius"] * (1 + GRID_ERROR) + 1
            params["grid_inside"] = params["radius"] * (1 - GRID_ERROR)
        conditions += [IN_BOX, IN_RADIUS]
    if search.q and (found := words(search.q)).exact:
        params.update(
            **found.forms,
            categories_named=list(found.categories),
        )
        conditions.append(TEXT)
    filters = (
        ("min_wage", search.min_wage, "j.hourly_wage >= %(min_wage)s"),
        (
            "employment_types",
            list(search.employment_types) or None,
            "j.employment_type = ANY(%(employment_types)s)",
        ),
        ("category", search.category or None, "j.category = %(category)s"),
        ("starts_after", search.starts_after, "j.starts_on >= %(starts_after)s"),
        ("starts_before", search.starts_before, "j.starts_on <= %(starts_before)s"),
        ("employer", search.employer, "j.employer_id = %(employer)s"),
    )
    for name, value, condition in filters:
        if value is not None:
            params[name] = value
            conditions.append(condition)
    return Query(search=search, params=params, conditions=conditions)


@dataclass(frozen=True)
class Estimates:
    """The planner's row estimates for the parts of a search."""

    published: float  # published, unexpired jobs
    domain: float  # of those, in the radius and passing the filters other than the words
    box: float | None  # published jobs in the radius' bounding box: what its index yields
    text: float | None  # published jobs with the words: what their indexes yield
    filters: float | None = None  # published jobs passing the filters: what their indexes yield

    @property
    def matches(self) -> float:
        if self.text is None:
            return self.domain
        return self.domain * min(1.0, self.text / max(self.published, 1.0))


def estimate(query: Query) -> Estimates:
    """One EXPLAIN of the search's parts, as a UNION ALL of one SELECT each.

    Kept in the process for SEARCH_ESTIMATE_SECONDS under the search's words and
    filters and its point to about a kilometre: planning the parts costs more
    than a walked page, and an estimate a minute old is as good.
    """
    visible = f"{PUBLISHED} AND j.expires_at > %(now)s"
    parts = {
        "published": visible,
        "domain": " AND ".join([visible, *query.conditions_but(TEXT, IN_RADIUS)]),
    }
    if query.has_point:
        parts["box"] = f"{PUBLISHED} AND {IN_BOX}"
    if query.has_text:
        parts["text"] = f"{PUBLISHED} AND {TEXT}"
    if query.filters:
        parts["filters"] = " AND ".join([PUBLISHED, *query.filters])
    union = " UNION ALL ".join(
        f"SELECT 1 FROM jobs_job j WHERE {c}" for c in parts.values()  # noqa: S608  # nosec B608
    )
    seconds = settings.SEARCH_ESTIMATE_SECONDS
    key = _estimate_key(union, query) if seconds else ""
    if key and (kept := caches["local"].get(key)) is not None:
        return cast(Estimates, kept)
    plan = fetch(f"EXPLAIN (FORMAT JSON) {union}", query.params)[0][0]
    rows = dict(zip(parts, (float(c["Plan Rows"]) for c in plan[0]["Plan"]["Plans"]), strict=True))
    estimates = Estimates(
        published=rows["published"],
        domain=rows["domain"] * (CIRCLE_IN_BOX if query.has_point else 1.0),
        box=rows.get("box"),
        text=rows.get("text"),
        filters=rows.get("filters"),
    )
    if key:
        caches["local"].set(key, estimates, timeout=seconds)
    return estimates


def _estimate_key(union: str, query: Query) -> str:
    search = query.search
    near = (
        (round(search.lat, 2), round(search.lon, 2))  # type: ignore[arg-type]
        if search.has_point
        else None
    )
    params = sorted((k, v) for k, v in query.params.items() if k not in ("now", "origin"))
    digest = hashlib.sha256(repr((union, near, params)).encode()).hexdigest()
    return f"jobs:search:estimate:{digest}"
