"""`make bench`: job search at N jobs, the API against raw SQL and the naive GeoDjango form.

    python -m bench [--jobs N] [--quick]

Steps: make (or reuse) the `safejob_bench` database with N published jobs; capture
the SQL each search of the mix runs and its plan (EXPLAIN ANALYZE; no sequential
scan of jobs_job may appear); start the production server configuration
(gunicorn, uvicorn workers, 2 workers) on loopback and measure the API at 2 and
at 8 connections; replay the captured SQL through psycopg (the floor); time the
naive form; print the table and write bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BACKEND = Path(__file__).resolve().parent.parent
RESULTS = BACKEND / "bench" / "results"
BENCH_DB = "safejob_bench"

# Bounds: every loop stops at a count or a time, whichever comes first.
WARMUP = {"max_requests": 400, "max_seconds": 20.0}
API = {
    2: {"max_requests": 500, "max_seconds": 15.0},
    8: {"max_requests": 1600, "max_seconds": 15.0},
}
RAW = {"repetitions": 8, "max_seconds": 10.0}  # per variant
NAIVE = {"variants": 3, "max_seconds": 45.0}  # per query

TARGET_P95_MS = 25.0
TARGET_RPS = 300.0
TARGET_NAIVE_RATIO = 100.0


def log(message: str) -> None:
    print(f"\033[1;34m==>\033[0m {message}", file=sys.stderr, flush=True)


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def machine() -> dict[str, Any]:
    cpu = memory = ""
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GB"
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("BENCH_JOBS", "1000000")))
    parser.add_argument(
        "--quick", action="store_true", help="fewer requests and repetitions (a smoke run)"
    )
    args = parser.parse_args()
    if args.quick:
        for bounds in (WARMUP, *API.values()):
            bounds["max_requests"] = min(int(bounds["max_requests"]), 100)
            bounds["max_seconds"] = 5.0
        RAW.update(repetitions=3, max_seconds=3.0)
        NAIVE.update(variants=1, max_seconds=20.0)

    from bench import load, server

    admin_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/safejob")
    url = with_database(admin_url, BENCH_DB)
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    env = server.production_env(database_url=url, redis_url=redis_url)
    os.environ.update(env)

    load.ensure_database(admin_url=with_database(admin_url, "postgres"), dbname=BENCH_DB)
    load.migrate(url=url, env=env)
    loaded = load.ensure_loaded(url=url, jobs=args.jobs)

    import django

    sys.path.insert(0, str(BACKEND))
    django.setup()

    from bench import floor, loadgen
    from bench.mix import queries

    mix = queries()
    suspended = loaded.suspended_employers
    report: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "jobs": args.jobs,
        "loaded_at": loaded.loaded_at.isoformat(timespec="seconds"),
        "server": f"gunicorn config.asgi:application, {server.WORKERS} uvicorn workers, config.settings.production",
        "targets": {
            "api_p95_ms_at_2": TARGET_P95_MS,
            "radius_rps_at_8": TARGET_RPS,
            "naive_over_api": TARGET_NAIVE_RATIO,
        },
        "queries": {},
    }
    with floor.connect(url) as conn:
        report["postgres"] = conn.execute("SELECT version()").fetchone()[0]  # type: ignore[index]
        report["postgis"] = conn.execute("SELECT postgis_lib_version()").fetchone()[0]  # type: ignore[index]

    # 1. What each search runs, and its plans.
    log("capturing each search's SQL and plans")
    captured: dict[str, list[floor.Captured]] = {}
    plans: dict[str, Any] = {}
    with floor.connect(url) as conn:
        for query in mix:
            captured[query.name] = [floor.capture(v) for v in query.variants]
            plans[query.name] = floor.explain(conn, captured[query.name][0].statements)

    # 2. The API, over HTTP, in the production configuration.
    def check(path: str, body: Any) -> str | None:
        for job in body.get("results", []):
            if job["employer"]["id"] in suspended:
                return f"a suspended employer's job {job['id']}"
            if "distance_km" in job and "radius_km=" in path:
                radius = float(path.split("radius_km=")[1].split("&")[0])
                if job["distance_km"] > radius + 0.01:
                    return f"job {job['id']} at {job['distance_km']} km in a {radius} km search"
        return None

    configurations = {
        "production": env,
        "unpooled": {**env, "DJANGO_SETTINGS_MODULE": "bench.settings_unpooled"},
    }
    api: dict[str, dict[str, dict[int, loadgen.Run]]] = {}
    for configuration, server_env in configurations.items():
        api[configuration] = measure_api(mix, server_env, configuration, check)
    # 3. The floor: the same statements through psycopg.
    log("replaying the SQL through psycopg")
    raw: dict[str, list[float]] = {}
    with floor.connect(url) as conn:
        for query in mix:
            raw[query.name] = []
            for capture in captured[query.name]:
                raw[query.name] += floor.timed(
                    lambda c=capture: floor.replay(conn, c.statements),
                    int(RAW["repetitions"]),
                    RAW["max_seconds"],
                )

    # 4. The naive form.
    log("timing the naive GeoDjango form")
    # Once untimed: its first sequential scan reads the table into the OS's cache
    # (45 s against 10 s warm, measured), which would flatter the API.
    try:
        log(f"  warm-up (not counted): {floor.naive(mix[0].variants[0]):,.0f} ms")
    except Exception as exc:  # statement_timeout: the timed runs report it
        log(f"  warm-up: {type(exc).__name__}: {str(exc)[:100]}")
    naive: dict[str, list[float]] = {}
    for query in mix:
        naive[query.name] = []
        deadline = time.monotonic() + float(NAIVE["max_seconds"])
        for variant in query.variants[: int(NAIVE["variants"])]:
            if naive[query.name] and time.monotonic() > deadline:
                break
            try:
                naive[query.name].append(floor.naive(variant))
            except Exception as exc:  # statement_timeout: report it as the bound
                log(f"  {query.name} naive: {type(exc).__name__}: {str(exc)[:100]}")
                naive[query.name].append(float(floor.NAIVE_TIMEOUT_MS))
        log(f"  {query.name:26s} naive p50 {floor.percentiles(naive[query.name])['p50']:8.0f} ms")

    # 5. Report.
    seq_scans = []
    for query in mix:
        runs, unpooled = api["production"][query.name], api["unpooled"][query.name]
        stats2 = floor.percentiles(runs[2].latencies_ms)
        raw_stats, naive_stats = floor.percentiles(raw[query.name]), floor.percentiles(
            naive[query.name]
        )
        scans = [n["node"] for s in plans[query.name] for n in s["nodes"]]
        if any(n.startswith("Seq Scan") and n.endswith("jobs_job") for n in scans):
            seq_scans.append(query.name)
        first = captured[query.name][0]
        report["queries"][query.name] = {
            "description": query.description,
            "paths": [v.path for v in query.variants],
            "plan": sorted({c.plan for c in captured[query.name]}),
            "count_first_variant": first.count,
            "count_is_exact_first_variant": first.count_is_exact,
            "results_first_variant": first.results,
            "statements": len(first.statements),
            "api": _api_report(runs),
            "api_unpooled": _api_report(unpooled),
            "raw": raw_stats,
            "naive": naive_stats,
            "api_over_raw_p50": stats2["p50"] / raw_stats["p50"] if raw_stats["p50"] else None,
            "naive_over_api_p50": naive_stats["p50"] / stats2["p50"] if stats2["p50"] else None,
            "explain": plans[query.name],
            "radius_search": query.radius_search,
        }
        q = report["queries"][query.name]
        q["meets"] = _meets(q, runs, query.radius_search, "naive_over_api_p50")
    report["seq_scan_on_jobs_job"] = seq_scans
    report["all_targets_met"] = not seq_scans and all(
        all(q["meets"].values()) for q in report["queries"].values()
    )
    print_report(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2, default=str))
    log(f"wrote {RESULTS / 'latest.json'}")
    if seq_scans:
        sys.exit(f"a sequential scan of jobs_job in the plans of: {', '.join(seq_scans)}")


def _api_report(runs: dict[int, Any]) -> dict[str, Any]:
    from bench import floor

    return {
        str(c): {
            **floor.percentiles(r.latencies_ms),
            "requests_per_second": r.requests_per_second,
            "errors": len(r.errors),
            "error_examples": r.errors[:3],
            "statuses": r.statuses,
            "connections_per_worker": sorted(r.per_worker.values()),
            "cpu_ms_per_request": r.cpu_ms,
        }
        for c, r in runs.items()
    }


def _meets(
    q: dict[str, Any], runs: dict[int, Any], radius_search: bool, ratio: str
) -> dict[str, bool]:
    from bench import floor

    return {
        "p95_at_2": floor.percentiles(runs[2].latencies_ms)["p95"] < TARGET_P95_MS,
        "naive_100x": (q[ratio] or 0) >= TARGET_NAIVE_RATIO,
        **({"rps_at_8": runs[8].requests_per_second >= TARGET_RPS} if radius_search else {}),
        "no_errors": not (runs[2].errors or runs[8].errors),
    }


def measure_api(
    mix: list[Any], env: dict[str, str], configuration: str, check: Any
) -> dict[str, dict[int, Any]]:
    from bench import cpu, floor, loadgen, server

    out: dict[str, dict[int, Any]] = {}
    with server.running(env=env, log_path=RESULTS / f"server-{configuration}.log") as running:
        log(
            f"{configuration}: server up on 127.0.0.1:{running.port} (workers {running.workers}); warming up"
        )
        paths = [v.path for q in mix for v in q.variants]
        warm = loadgen.run(server.HOST, running.port, paths, concurrency=8, check=check, **WARMUP)  # type: ignore[arg-type]
        if warm.errors:
            log(f"warm-up: {len(warm.errors)} errors, e.g. {warm.errors[0]}")
        for query in mix:
            out[query.name] = {}
            for concurrency, bounds in API.items():
                before = cpu.sample(running.workers)
                run = loadgen.run(
                    server.HOST,
                    running.port,
                    [v.path for v in query.variants],
                    concurrency=concurrency,
                    check=check,
                    check_every=10,
                    owner=running,
                    **bounds,  # type: ignore[arg-type]
                )
                run.cpu_ms = cpu.per_request(
                    before, cpu.sample(running.workers), len(run.latencies_ms)
                )
                out[query.name][concurrency] = run
                stats = floor.percentiles(run.latencies_ms)
                log(
                    f"  {query.name:26s} c={concurrency}: p50 {stats['p50']:6.1f} ms  p95 {stats['p95']:6.1f} ms"
                    f"  {run.requests_per_second:6.0f} req/s  ({len(run.latencies_ms)} requests, {len(run.errors)} errors,"
                    f" connections per worker {sorted(run.per_worker.values())})"
                )
    return out


def _ms(value: float) -> str:
    if value is None or math.isnan(value):
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _table(report: dict[str, Any], key: str, title: str) -> None:
    print(title)
    header = (
        f"{'query':24s} | {'p50 / p95 @2':>15s} | {'req/s @2':>8s} | {'p50 / p95 @8':>15s} | {'req/s @8':>8s}"
        f" | {'raw p50 / p95':>13s} | {'naive p50':>9s} | {'API/raw':>7s} | {'naive/API':>9s}"
    )
    print(header)
    print("-" * len(header))
    for name, q in report["queries"].items():
        a2, a8 = q[key]["2"], q[key]["8"]
        raw_ratio = a2["p50"] / q["raw"]["p50"] if q["raw"]["p50"] else 0
        naive_ratio = q["naive"]["p50"] / a2["p50"] if a2["p50"] else 0
        print(
            f"{name:24s} | {_ms(a2['p50']):>6s} / {_ms(a2['p95']):>6s} | {a2['requests_per_second']:8.0f}"
            f" | {_ms(a8['p50']):>6s} / {_ms(a8['p95']):>6s} | {a8['requests_per_second']:8.0f}"
            f" | {_ms(q['raw']['p50']):>5s} / {_ms(q['raw']['p95']):>5s} | {_ms(q['naive']['p50']):>9s}"
            f" | {raw_ratio:6.1f}x | {naive_ratio:8.0f}x"
        )
    print()


def _cpu_table(report: dict[str, Any]) -> None:
    cores = report["machine"]["cores"] or 1
    print(
        f"CPU per request at 8 connections, production configuration (ms; all share {cores} cores,"
        f" so {cores} x 1,000 ms / total bounds req/s):"
    )
    header = (
        f"{'query':24s} | {'server':>7s} | {'postgres':>8s} | {'client':>7s} | {'total':>7s}"
        f" | {'bound req/s':>11s} | {'req/s @8':>8s}"
    )
    print(header)
    print("-" * len(header))
    for name, q in report["queries"].items():
        run = q["api"]["8"]
        c = run["cpu_ms_per_request"]
        bound = cores * 1000 / c["total"] if c.get("total") else 0
        print(
            f"{name:24s} | {c['server']:7.2f} | {c['postgres']:8.2f} | {c['client']:7.2f}"
            f" | {c['total']:7.2f} | {bound:11.0f} | {run['requests_per_second']:8.0f}"
        )
    print()


def print_report(report: dict[str, Any]) -> None:
    m = report["machine"]
    print()
    print(
        f"Job search at {report['jobs']:,} published jobs · {report['date']} · {m['cores']} cores"
        f" ({m['cpu']}), {m['memory']} · {report['postgres'].split(',')[0]}, PostGIS {report['postgis']}"
    )
    print()
    _table(report, "api", f"API in the production configuration ({report['server']}):")
    _cpu_table(report)
    _table(
        report,
        "api_unpooled",
        "For comparison, without connection reuse (bench/settings_unpooled.py: no pools):",
    )
    print(
        "Milliseconds. API: over HTTP, keep-alive connections spread over the 2 workers, at 2 and 8"
    )
    print(
        "connections. raw: the API's SQL replayed through psycopg. naive: location__distance_lte +"
    )
    print(
        "Distance annotation and ordering, through the ORM (count + page, as the paginator does)."
    )
    print()
    for name, q in report["queries"].items():
        print(
            f"{name}: {q['description']} · plan {', '.join(q['plan'])} · count"
            f" {q['count_first_variant']:,} ({'exact' if q['count_is_exact_first_variant'] else 'estimate'})"
        )
        for statement in q["explain"]:
            if not statement["nodes"]:
                continue
            scans = "; ".join(
                f"{n['node']} ({n['rows']} rows x{n['loops']})" for n in statement["nodes"][:3]
            )
            print(f"    {statement['execution_ms']:.2f} ms: {scans}")
    print()
    seq = report["seq_scan_on_jobs_job"]
    print("Seq Scan on jobs_job in the API's plans: " + (", ".join(seq) if seq else "none"))
    failed = [
        f"{name} {k}"
        for name, q in report["queries"].items()
        for k, ok in q["meets"].items()
        if not ok
    ]
    print("Targets: " + ("all met" if not failed and not seq else "not met: " + ", ".join(failed)))


if __name__ == "__main__":
    main()
    sys.exit(0)
