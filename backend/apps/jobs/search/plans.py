"""The two plans (exact and walk), each one statement that also returns the page's rows.

Every statement ends the same way: the ordered hits (id, position) in a CTE, and
the jobs at the page's positions joined to their employer, behind one row of
figures (how many hits, the exact total when counted, whether a KNN walk's last
distance was clear of ties), so that even an empty page says how many there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from apps.jobs.search import sql
from apps.jobs.search.sql import (
    CATEGORY_NAMED,
    EMPLOYER_APPROVED,
    IN_BOX,
    IN_GRID_BOX,
    IN_RADIUS,
    IN_RADIUS_BY_GRID,
    PUBLISHED,
    TEXT,
    TITLE,
    TITLE_INDEXED,
    TITLE_OR_CATEGORY,
    VISIBLE,
    Estimates,
    Query,
)

# A search whose most selective index yields at most this many rows (by the planner's
# estimate) is answered exactly, count included. Words get more room: for a word
# outside the column's most common ones the planner can only give an upper bound.
EXACT_UP_TO = 2000
EXACT_TEXT_UP_TO = 5000
# A walk reads at most this many rows a row it must find (and at least WALK_MIN_ROWS)
# before it gives up on words rarer than estimated.
WALK_ROWS_PER_RESULT = 40
WALK_MIN_ROWS = 2000
WALK_MAX_ROWS = 50_000


@dataclass(frozen=True)
class Slice:
    """What one statement found: the page's rows among its hits."""

    rows: list[tuple[Any, ...]]
    hits: int  # ordered hits found (at most the number asked for)
    total: int | None  # every match, when the plan counted them
    settled: bool  # False when a KNN walk's last distance read is tied with the page's
    boundary: float | None = None  # a KNN walk's distance of the last row wanted


def _page(query: Query, hits_sql: str, params: dict[str, Any]) -> Slice:
    distance = sql.DISTANCE_COLUMN if query.has_point else ""
    statement = f"""
        WITH hits AS MATERIALIZED ({hits_sql})
        SELECT s.hits, s.total, s.settled, s.boundary, p.*
        FROM (
            SELECT max(hits) AS hits, max(total) AS total, bool_and(settled) AS settled,
                max(boundary) AS boundary
            FROM hits
        ) s
        LEFT JOIN LATERAL (
            SELECT {sql.PAGE_COLUMNS}{distance}
            FROM hits h JOIN jobs_job j ON j.id = h.id
            JOIN employers_employerprofile e ON e.id = j.employer_id
            WHERE h.pos > %(offset)s AND h.pos <= %(offset)s + %(size)s
            ORDER BY h.pos
        ) p ON true
    """  # noqa: S608  # nosec B608 (constant fragments; values are bound parameters)
    rows = sql.fetch(statement, {**query.params, **params})
    hits, total, settled, boundary = rows[0][:4]
    page = [row[4:] for row in rows if row[4] is not None]
    return Slice(
        rows=page,
        hits=int(hits or 0),
        total=None if total is None else int(total),
        settled=settled is not False,
        boundary=boundary,
    )


def exact(
    query: Query,
    ordering: str,
    *,
    generator: str,
    extra: list[str],
    want: int,
    offset: int,
    size: int,
    params: dict[str, Any] | None = None,
) -> Slice:
    """Every match read from the generator's index alone, checked, counted and sorted.

    The other conditions sit behind an `OFFSET 0` fence, so the planner cannot
    AND in another index: the radius' GiST index over a city costs tens of
    milliseconds even when the words match ten jobs.
    """
    keys = query.sort_keys(ordering)
    checks = " AND ".join([VISIBLE, *query.conditions, *extra])
    source = (
        "jobs_job j"  # no generator: the filters' own indexes, as the planner sees fit
        if generator == "true"
        else f"(SELECT j.* FROM jobs_job j WHERE {PUBLISHED} AND {generator} OFFSET 0) j"  # noqa: S608  # nosec B608
    )
    hits_sql = (
        f"SELECT j.id, row_number() OVER (ORDER BY {keys}) AS pos,"  # noqa: S608  # nosec B608
        " least(count(*) OVER (), %(want)s) AS hits, count(*) OVER () AS total,"
        f" true AS settled, NULL::float8 AS boundary FROM {source}"
        f" WHERE {checks} ORDER BY {keys} LIMIT %(want)s"
    )
    return _page(query, hits_sql, {**(params or {}), "want": want, "offset": offset, "size": size})


def walk(
    query: Query, ordering: str, *, extra: list[str], want: int, offset: int, size: int
) -> Slice | None:
    """The first `want` matches read in the order's index; None when the walk gives up.

    The walk reads at most a budget of rows (an inner LIMIT), so words rarer than
    estimated cost a bounded detour before the exact plan answers instead.
    """
    budget = min(max(WALK_MIN_ROWS, WALK_ROWS_PER_RESULT * want), WALK_MAX_ROWS)
    if not query.has_point:
        domain = PUBLISHED
    elif ordering == "distance" and query.on_grid:
        domain = f"{PUBLISHED} AND {IN_GRID_BOX} AND {IN_RADIUS_BY_GRID}"
    else:
        domain = f"{PUBLISHED} AND {IN_BOX} AND {IN_RADIUS}"
    checks = " AND ".join(
        [
            f"j.expires_at > %(now)s AND {EMPLOYER_APPROVED}",
            *query.conditions_but(IN_BOX, IN_RADIUS),
            *extra,
        ]
    )
    if ordering != "distance":
        hits_sql = (
            "SELECT j.id, row_number() OVER () AS pos, count(*) OVER () AS hits,"  # noqa: S608  # nosec B608
            " NULL::bigint AS total, true AS settled, NULL::float8 AS boundary FROM ("
            f"SELECT j.id FROM (SELECT j.* FROM jobs_job j WHERE {domain}"
            f" ORDER BY {query.walk_order(ordering)} LIMIT %(budget)s) j"
            f" WHERE {checks} LIMIT %(want)s) j"
        )
        found = _page(
            query, hits_sql, {"budget": budget, "want": want, "offset": offset, "size": size}
        )
        return found if found.hits >= want else None
    # The index orders by distance alone: every row nearer than the last one read is
    # in hand, so (distance, newest, id) is settled among those up to the want-th
    # row's distance, unless that distance is also the last one's: a tie (jobs at
    # the same address) that may go on past what was read. Then the page is taken
    # exactly among the jobs no farther than that distance.
    hits_sql = f"""
        WITH near AS MATERIALIZED (
            SELECT j.id, j.knn, j.published_at FROM (
                SELECT j.*, {query.knn} AS knn FROM jobs_job j WHERE {domain}
                ORDER BY {query.knn} LIMIT %(budget)s
            ) j WHERE {checks} LIMIT %(want)s + 1
        ), bounds AS (
            SELECT count(*) AS fetched, max(knn) AS last,
                (SELECT knn FROM near ORDER BY knn OFFSET %(want)s - 1 LIMIT 1) AS boundary
            FROM near
        )
        SELECT n.id, row_number() OVER (ORDER BY n.knn, n.published_at DESC, n.id) AS pos,
            b.fetched AS hits, NULL::bigint AS total, b.boundary < b.last AS settled, b.boundary
        FROM near n CROSS JOIN bounds b WHERE n.knn <= b.boundary
    """  # noqa: S608  # nosec B608 (constant fragments; values are bound parameters)
    params = {"budget": budget, "want": want, "offset": offset, "size": size}
    found = _page(query, hits_sql, params)
    if found.hits <= want:
        return None
    if found.settled or found.boundary is None:
        return found
    # <-> measures on the sphere or the grid, the box on the spheroid: 1 % apart at most.
    return exact(
        query,
        ordering,
        generator=f"j.location && _st_expand({sql.ORIGIN}, %(tie_box)s)",
        extra=[*extra, f"{query.knn} <= %(tie)s"],
        want=want,
        offset=offset,
        size=size,
        params={"tie": found.boundary, "tie_box": found.boundary * 1.01 + 1},
    )


@dataclass(frozen=True)
class Generator:
    """The condition whose index feeds the exact plan, and the rows it yields (estimated)."""

    condition: str
    rows: float
    room: int  # the rows at most for which the exact plan answers

    @property
    def small(self) -> bool:
        return self.rows <= self.room


def generator(query: Query, estimates: Estimates) -> Generator:
    """The index that yields the fewest rows, weighed by the room each kind has."""
    choices = []
    if estimates.box is not None:
        choices.append(Generator(IN_BOX, estimates.box, EXACT_UP_TO))
    if estimates.text is not None:
        choices.append(Generator(TEXT, estimates.text, EXACT_TEXT_UP_TO))
    if not choices:
        # No radius and no words: the filters' own indexes, as the planner sees fit.
        return Generator("true", estimates.domain, EXACT_UP_TO)
    return min(choices, key=lambda g: g.rows / g.room)


def tiers(query: Query, ordering: str) -> list[tuple[list[str], str | None]]:
    """Each tier's extra conditions and, when it has one, its own index; best tier first.

    The category tier is left out when no category's name shares a stem with the
    words: it is empty then, and proving so would read every match.
    """
    if ordering != "relevance":
        return [([], None)]
    title = ([TITLE], TITLE_INDEXED)
    category = ([CATEGORY_NAMED, f"NOT {TITLE}", TITLE_OR_CATEGORY], None)
    elsewhere = ([f"NOT {TITLE}", f"NOT {TITLE_OR_CATEGORY}"], None)
    if query.params.get("categories_named"):
        return [title, category, elsewhere]
    return [title, elsewhere]
