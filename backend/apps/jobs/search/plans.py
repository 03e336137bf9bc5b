"""The two plans (exact and walk), each one statement that also returns the page's rows.

Every statement ends the same way: the ordered hits (id, position) in a CTE, and
the jobs at the page's positions joined to their employer, behind one row of
figures (how many hits, the exact total when counted), so that even an empty
page says how many there are. A walk's first pages carry the job's columns in
their hits.

The statements are f-strings of constant SQL fragments only (hence the `nosec
B608` marks); every value a request brings is a bound parameter.
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
# A walk expected to read more rows than the exact plan's index yields is not
# tried; one that is tried may read this many times the rows expected (the
# estimates' error) before it gives up.
WALK_EXPECTED_MARGIN = 3
# A walk carries the job's columns in its hits up to this many rows (the first
# pages): its page then needs no second pass over jobs_job (PostgreSQL's CPU for a
# radius search 2.1 -> 1.75 ms, measured). Deeper, copying every hit's columns
# costs more than reading the page's twenty again. Nearest first's hits also hold
# every job tied at the page's last distance, and one place can hold thousands
# (jobs geocoded from a city's name alone share its point): those are read
# whatever is carried, and their columns may then go to a temporary file.
CARRY_UP_TO = 200


@dataclass(frozen=True)
class Slice:
    """What one statement found: the page's rows among its hits."""

    rows: list[tuple[Any, ...]]
    hits: int  # ordered hits found (as many as asked for at most, but for ties of the last)
    total: int | None  # every match, when the plan counted them


def _page(query: Query, hits_sql: str, params: dict[str, Any], *, carried: bool = False) -> Slice:
    """The hits' figures and the page's rows; `carried`: the hits hold the job's columns."""
    distance = sql.DISTANCE_COLUMN if query.has_point else ""
    source = "hits j" if carried else "hits h JOIN jobs_job j ON j.id = h.id"
    position = "j.pos" if carried else "h.pos"
    statement = f"""
        WITH hits AS MATERIALIZED ({hits_sql})
        SELECT s.hits, s.total, p.*
        FROM (SELECT max(hits) AS hits, max(total) AS total FROM hits) s
        LEFT JOIN LATERAL (
            SELECT {sql.PAGE_COLUMNS}{distance}
            FROM {source}
            JOIN employers_employerprofile e ON e.id = j.employer_id
            WHERE {position} > %(offset)s AND {position} <= %(offset)s + %(size)s
            ORDER BY {position}
        ) p ON true
    """  # noqa: S608  # nosec B608
    rows = sql.fetch(statement, {**query.params, **params})
    hits, total = rows[0][:2]
    page = [row[2:] for row in rows if row[2] is not None]
    return Slice(rows=page, hits=int(hits or 0), total=None if total is None else int(total))


def exact(
    query: Query,
    ordering: str,
    *,
    generator: str,
    extra: list[str],
    want: int,
    offset: int,
    size: int,
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
        " least(count(*) OVER (), %(want)s) AS hits, count(*) OVER () AS total"
        f" FROM {source}"
        f" WHERE {checks} ORDER BY {keys} LIMIT %(want)s"
    )
    return _page(query, hits_sql, {"want": want, "offset": offset, "size": size})


def walk(
    query: Query,
    ordering: str,
    *,
    extra: list[str],
    want: int,
    offset: int,
    size: int,
    expected: float = 0.0,
) -> Slice | None:
    """The first `want` matches read in the order's index; None when the walk gives up.

    The walk reads at most a budget of rows (an inner LIMIT): more when it is
    `expected` to read many (`walk_rows`), so that filters matching one job in a
    hundred are walked to their page; words or filters rarer than estimated cost a
    bounded detour before the exact plan answers instead.
    """
    budget = int(
        min(
            max(WALK_MIN_ROWS, WALK_ROWS_PER_RESULT * want, WALK_EXPECTED_MARGIN * expected),
            WALK_MAX_ROWS,
        )
    )
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
    carried = want <= CARRY_UP_TO
    columns = sql.CARRIED_COLUMNS if carried else "j.id, j.published_at"
    if ordering != "distance":
        hits_sql = (
            "SELECT j.*, row_number() OVER () AS pos, count(*) OVER () AS hits,"  # noqa: S608  # nosec B608
            " NULL::bigint AS total FROM ("
            f"SELECT {columns} FROM (SELECT j.* FROM jobs_job j WHERE {domain}"
            f" ORDER BY {query.walk_order(ordering)} LIMIT %(budget)s) j"
            f" WHERE {checks} LIMIT %(want)s) j"
        )
        found = _page(
            query,
            hits_sql,
            {"budget": budget, "want": want, "offset": offset, "size": size},
            carried=carried,
        )
        return found if found.hits >= want else None
    # The index orders by distance alone, and jobs at one address tie on it: both
    # limits take the ties of their last row too (WITH TIES), so every job as near
    # as the want-th is in hand and (distance, newest, id) orders them exactly.
    hits_sql = f"""
        WITH near AS MATERIALIZED (
            SELECT {columns}, j.knn FROM (
                SELECT j.*, {query.knn} AS knn FROM jobs_job j WHERE {domain}
                ORDER BY {query.knn} FETCH FIRST %(budget)s ROWS WITH TIES
            ) j WHERE {checks} ORDER BY j.knn FETCH FIRST %(want)s ROWS WITH TIES
        )
        SELECT n.*, row_number() OVER (ORDER BY n.knn, n.published_at DESC, n.id) AS pos,
            count(*) OVER () AS hits, NULL::bigint AS total
        FROM near n
    """  # noqa: S608  # nosec B608
    params = {"budget": budget, "want": want, "offset": offset, "size": size}
    found = _page(query, hits_sql, params, carried=carried)
    return found if found.hits >= want else None


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
    """The index that yields the fewest rows, weighed by the room each kind has.

    The filters are one choice, all of them together: the planner ANDs their
    indexes (migration 0009, the wage's, the employer's) as it sees fit.
    """
    choices = []
    if estimates.box is not None:
        choices.append(Generator(IN_BOX, estimates.box, EXACT_UP_TO))
    if estimates.text is not None:
        choices.append(Generator(TEXT, estimates.text, EXACT_TEXT_UP_TO))
    if estimates.filters is not None:
        choices.append(Generator(" AND ".join(query.filters), estimates.filters, EXACT_UP_TO))
    if not choices:
        # No radius, no words, no filters: every published job.
        return Generator("true", estimates.domain, EXACT_UP_TO)
    return min(choices, key=lambda g: g.rows / g.room)


def walk_rows(query: Query, estimates: Estimates, want: int) -> float:
    """The rows a walk is expected to read for `want` matches: the share of its rows that match.

    A walk reads the published jobs in the radius (or all of them) in order; the
    matches among them are as many as estimated, spread evenly. For relevance this
    is the least its tiers read.
    """
    walked = estimates.published
    if query.has_point and estimates.box is not None:
        walked = estimates.box * sql.CIRCLE_IN_BOX
    return want * max(walked, 1.0) / max(estimates.matches, 1.0)


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
