"""Job search (GET /api/v1/jobs/), planned so that it stays fast over a million jobs.

Which plan answers a search depends on how many jobs it matches, so each search
first asks PostgreSQL for its estimates (one EXPLAIN of the search's parts: the
radius and filters, the words), then runs one of two plans (`plans.py`):

- **exact**, when its most selective index yields few rows (`plans.EXACT_UP_TO`,
  more for words): the rows come from that index alone (the words' GIN indexes
  or the radius' GiST index), everything else is checked on those rows, and the
  count is exact;
- **walk**, when it matches many: the jobs are read in the order asked for
  straight from an index (nearest first by KNN `<->`: on the Dutch grid's
  planar index near the Netherlands, on the geography's elsewhere; newest
  first, best paid first) and checked one by one until the page is full, so a
  page costs about the rows it shows. The radius itself is always the
  geography's (`ST_DWithin` on the spheroid). A walk gives up after a bounded number
  of rows (the words were rarer than estimated) and the exact plan answers
  instead. The count is then the estimate, rounded to two significant figures.

Relevance is by tiers so that it can be walked: the words in the title (or a
title word close to them: typos, compounds), then in the category, then in the
description; newest first within a tier. The title tier has an index of its own
(the title's text vector), so a word common in descriptions but rare in titles
still finds its title matches at once. Typos are found in the vocabulary of title
words (`jobs_titleword`, kept by a trigger: a few thousand words, with a trigram
index), and the title words like the search's are searched for in the text
vector: no condition on the jobs scans trigrams (`sql.words`).

Results are read as plain rows and rendered by `render.job`, not through the ORM
and a ModelSerializer, which cost several times the query on this path.
`job_search` gives the same search as a queryset (`orm.py`).
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from apps.core.exceptions import field_error
from apps.jobs.search import plans, render, sql
from apps.jobs.search.orm import job_search

__all__ = ["JobSearch", "SearchPage", "SearchResults", "job_search", "job_search_page"]


@dataclass(frozen=True)
class JobSearch:
    q: str = ""
    lat: float | None = None
    lon: float | None = None
    radius_km: float = 25.0
    min_wage: Decimal | None = None
    employment_types: list[str] = field(default_factory=list)
    category: str = ""
    starts_after: date | None = None
    starts_before: date | None = None
    employer: uuid.UUID | None = None
    ordering: str = ""

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def effective_ordering(self) -> str:
        """Nearest first with a point, best match with words only, else newest."""
        if self.ordering:
            return self.ordering
        if self.has_point:
            return "distance"
        return "relevance" if self.q else "-published_at"


@dataclass(frozen=True)
class SearchPage:
    count: int
    count_is_exact: bool
    results: list[dict[str, Any]]
    has_next: bool
    plan: str  # how it was answered, e.g. "walk" or "exact+walk" (tiers), for the benchmark


def job_search_page(
    search: JobSearch, *, page: int, page_size: int, exact_up_to: int | None = None
) -> SearchPage:
    """One page of a search: its jobs rendered for the API, the count, and whether more follow.

    `exact_up_to` overrides the rows up to which the exact plan answers (0: walk
    whenever a walk can; the tests hold both plans to the same answers).
    """
    query = sql.build(search)
    ordering = query.ordering
    estimates = sql.estimate(query)
    offset, size = (page - 1) * page_size, page_size
    want = offset + size + 1  # one more than the page: is there a next one?
    generator = plans.generator(query, estimates)
    expected = plans.walk_rows(query, estimates, want)
    if exact_up_to is None:
        # Exact when its index yields few rows, or fewer than a walk would read (filters
        # that match one job in a thousand: the walk would give up after its budget).
        exact_plan = generator.small or expected > generator.rows
    else:
        exact_plan = generator.rows <= exact_up_to

    if exact_plan:
        found = plans.exact(
            query,
            ordering,
            generator=generator.condition,
            extra=[],
            want=want,
            offset=offset,
            size=size,
        )
        return _page(
            search, found.rows, found.total or 0, True, found.hits > offset + size, "exact"
        )

    # Tier by tier (one tier unless by relevance), each walked or, when the walk
    # gives up, answered exactly; the page may take rows from more than one tier.
    rows: list[tuple[Any, ...]] = []
    before = 0  # matches in the tiers done, all counted while every tier is exact
    exact = True
    used = []
    for extra, own_index in plans.tiers(query, ordering):
        tier_want = want - before
        tier_offset = max(0, offset - before)
        tier_size = size - len(rows)
        walked = plans.walk(
            query,
            ordering,
            extra=extra,
            want=tier_want,
            offset=tier_offset,
            size=tier_size,
            expected=plans.walk_rows(query, estimates, tier_want),
        )
        if walked is not None:
            rows += walked.rows
            exact = False
            used.append("walk")
            before = want
            break
        found = plans.exact(
            query,
            ordering,
            generator=own_index or generator.condition,
            extra=extra,
            want=tier_want,
            offset=tier_offset,
            size=tier_size,
        )
        rows += found.rows
        used.append("exact")
        before += found.total or 0
        if before >= want:
            break
    has_next = before > offset + size
    if exact and len(used) == len(plans.tiers(query, ordering)):
        count = before
    else:
        exact = False
        count = max(_round(estimates.matches), offset + len(rows) + (1 if has_next else 0))
    return _page(search, rows, count, exact, has_next, "+".join(used))


def _page(
    search: JobSearch,
    rows: list[tuple[Any, ...]],
    count: int,
    exact: bool,
    has_next: bool,
    plan: str,
) -> SearchPage:
    tz = timezone.get_current_timezone()
    return SearchPage(
        count=count,
        count_is_exact=exact,
        results=[render.job(row, tz, with_distance=search.has_point) for row in rows],
        has_next=has_next,
        plan=plan,
    )


def _round(value: float) -> int:
    """Two significant figures: an estimate should not pass for a count."""
    if value < 100:
        return round(value)
    return int(round(value, 1 - math.floor(math.log10(value))))


# The deepest a page may reach. A walk finds a page within a bounded number of rows
# (plans.WALK_MAX_ROWS); a page deeper than a walk can reach would be answered by the
# exact plan, which reads every match: for a search of the whole country, a million
# rows a request. Nobody pages through ten thousand jobs; they narrow the search.
MAX_RESULTS = 10_000


class SearchResults:
    """A search as Django's paginator sees it: a count and slices, one statement set a page.

    The page asked for (`page`, when it is a number) is searched at the first
    question; a slice of another page (e.g. `page=last`) is searched on its own.
    A page past MAX_RESULTS is a 400 (`page_too_deep`); one past the end, empty.
    """

    def __init__(self, search: JobSearch, *, page: int, page_size: int) -> None:
        self.search, self.page_size = search, page_size
        self._pages: dict[int, SearchPage] = {}
        self._first = page

    def _get(self, page: int) -> SearchPage:
        if page * self.page_size > MAX_RESULTS:
            raise field_error(
                "page",
                f"Only the first {MAX_RESULTS:,} jobs of a search are shown; narrow the search.",
                "page_too_deep",
            )
        if page not in self._pages:
            self._pages[page] = job_search_page(self.search, page=page, page_size=self.page_size)
        return self._pages[page]

    @property
    def searched(self) -> SearchPage | None:
        """The last page searched (for the benchmark's plan column)."""
        return next(reversed(self._pages.values()), None)

    def count(self) -> int:
        searched = next(iter(self._pages.values()), None) or self._get(self._first)
        return searched.count

    def __getitem__(self, index: slice) -> list[dict[str, Any]]:
        start = index.start or 0
        return self._get(start // self.page_size + 1).results
