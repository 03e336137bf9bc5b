"""The raw-SQL floor, the naive GeoDjango form, and the plans, measured in this process.

Django is set up here against the benchmark database, so the SQL is the API's
own: each search runs once through `job_search_page` with its statements
captured, and those statements are then replayed through a plain psycopg
connection (the floor: no Django, no HTTP, no rendering).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Any

import psycopg

from bench.mix import Variant, search_of

NAIVE_TIMEOUT_MS = 60_000


@dataclass
class Captured:
    statements: list[str]
    plan: str
    count: int
    count_is_exact: bool
    results: int


def capture(variant: Variant) -> Captured:
    """The statements the API runs for one search once warm, as sent (parameters interpolated)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.jobs.search import JobSearch, job_search_page

    search = JobSearch(**search_of(variant.params))  # type: ignore[arg-type]
    # Once before, as the server has: its estimates are kept (SEARCH_ESTIMATE_SECONDS),
    # so what it runs for this search from then on is the page's statement alone.
    job_search_page(search, page=variant.page, page_size=20)
    with CaptureQueriesContext(connection) as context:
        page = job_search_page(search, page=variant.page, page_size=20)
    statements = [
        q["sql"] for q in context.captured_queries if q["sql"].strip() not in ("BEGIN", "COMMIT")
    ]
    return Captured(statements, page.plan, page.count, page.count_is_exact, len(page.results))


def connect(url: str) -> psycopg.Connection:
    """A plain connection with the app's session settings (DB_SESSION_OPTIONS: no JIT...)."""
    from django.conf import settings

    options = settings.DATABASES["default"]["OPTIONS"].get("options", "")
    return psycopg.connect(url, autocommit=True, options=options)


def replay(conn: psycopg.Connection, statements: list[str]) -> float:
    """Milliseconds for the statements in one transaction, as the API runs them."""
    started = time.perf_counter()
    with conn.transaction(), conn.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement.encode())  # already interpolated: no parameters
            cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def timed(fn: Any, repetitions: int, max_seconds: float) -> list[float]:
    out: list[float] = []
    deadline = time.monotonic() + max_seconds
    for _ in range(repetitions):
        if out and time.monotonic() > deadline:
            break
        out.append(fn())
    return out


def naive(variant: Variant) -> float:
    """Milliseconds for the search in the naive GeoDjango form of the old guide.

    `location__distance_lte` with a `Distance` annotation and ordering, the other
    filters as before, counted and sliced as the paginator does (through the ORM,
    without HTTP).
    """
    from django.contrib.gis.db.models.functions import Distance
    from django.contrib.gis.measure import D
    from django.contrib.postgres.search import SearchQuery, SearchRank
    from django.db import connection, transaction
    from django.db.models import F, FloatField, Q, Value
    from django.db.models.functions import Greatest

    from apps.core.geo import point
    from apps.jobs.selectors import jobs_visible_to_all

    p = search_of(variant.params)
    jobs = jobs_visible_to_all().select_related("employer")
    ordering: list[Any] = []
    if "lat" in p:
        origin = point(latitude=p["lat"], longitude=p["lon"])  # type: ignore[arg-type]
        jobs = jobs.filter(location__distance_lte=(origin, D(km=p.get("radius_km", 25)))).annotate(
            distance=Distance("location", origin)
        )
        ordering = ["distance"]
    if "q" in p:
        query = SearchQuery(str(p["q"]), config="dutch", search_type="websearch") | SearchQuery(
            str(p["q"]), config="english", search_type="websearch"
        )
        jobs = jobs.filter(Q(search_vector=query) | Q(title__trigram_word_similar=p["q"])).annotate(
            relevance=Greatest(
                SearchRank(F("search_vector"), query), Value(0.0, output_field=FloatField())
            )
        )
        if not ordering:
            ordering = ["-relevance"]
    if "min_wage" in p:
        jobs = jobs.filter(hourly_wage__gte=p["min_wage"])
    if p.get("ordering") == "-published_at":
        ordering = ["-published_at"]
    jobs = jobs.order_by(*ordering, "-published_at", "id")
    offset = (variant.page - 1) * 20
    started = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {NAIVE_TIMEOUT_MS}")
        jobs.count()
        list(jobs[offset : offset + 20])
    return (time.perf_counter() - started) * 1000


def explain(conn: psycopg.Connection, statements: list[str]) -> list[dict[str, Any]]:
    """EXPLAIN (ANALYZE) of each statement but the set-up: its top node and every scan."""
    out: list[dict[str, Any]] = []
    with conn.transaction(), conn.cursor() as cursor:
        for statement in statements:
            text = statement.lstrip()
            if text.startswith("EXPLAIN"):
                cursor.execute(statement.encode())
                cursor.fetchall()
                out.append({"statement": "estimate (EXPLAIN, planning only)", "nodes": []})
                continue
            cursor.execute(b"EXPLAIN (ANALYZE, FORMAT JSON) " + statement.encode())
            plan = cursor.fetchone()[0][0]  # type: ignore[index]
            if "set_config" in text[:200]:
                continue
            nodes: list[dict[str, Any]] = []
            _walk(plan["Plan"], nodes, depth=0)
            out.append(
                {
                    "statement": text.split("\n")[0][:80],
                    "top": _label(plan["Plan"]),
                    "execution_ms": plan.get("Execution Time"),
                    "planning_ms": plan.get("Planning Time"),
                    "nodes": nodes,
                }
            )
    return out


def _label(node: dict[str, Any]) -> str:
    label = node["Node Type"]
    if node.get("Index Name"):
        label += f" using {node['Index Name']}"
    if node.get("Relation Name"):
        label += f" on {node['Relation Name']}"
    return label


def _walk(node: dict[str, Any], out: list[dict[str, Any]], depth: int) -> None:
    if "Scan" in node["Node Type"] and node.get("Node Type") not in ("CTE Scan", "Subquery Scan"):
        out.append(
            {
                "node": _label(node),
                "rows": node.get("Actual Rows"),
                "loops": node.get("Actual Loops"),
                "ms": node.get("Actual Total Time"),
            }
        )
    for child in node.get("Plans", []):
        _walk(child, out, depth + 1)


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50": float("nan"), "p95": float("nan"), "n": 0}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"p50": statistics.median(ordered), "p95": p95, "n": len(ordered)}
