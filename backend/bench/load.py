"""The benchmark's own database: created, migrated, filled with N jobs through COPY, analysed.

A database already holding the same N of the same corpus, loaded recently enough that
its jobs have not expired, is reused; `bench_meta` records what was loaded and when.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from psycopg import sql

from bench import corpus

BACKEND = Path(__file__).resolve().parent.parent
CORPUS_VERSION = "5"
SEED = 20260101
# Jobs are published up to 20 days before loading and expire 30 days after publishing.
REUSE_FOR = timedelta(days=7)
OTHER_STATES_SHARE = 0.05


def log(message: str) -> None:
    print(f"\033[1;34m==>\033[0m {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Loaded:
    jobs: int
    suspended_employers: frozenset[str]
    loaded_at: datetime
    reused: bool


def ensure_database(*, admin_url: str, dbname: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
            is None
        ):
            log(f"creating database {dbname}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))


def migrate(*, url: str, env: dict[str, str]) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
    log("migrating the benchmark database")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=BACKEND,
        env={**os.environ, **env},
        check=True,
    )


def _meta(conn: psycopg.Connection) -> dict[str, str]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)"
    )
    return dict(conn.execute("SELECT key, value FROM bench_meta").fetchall())


def _suspended(conn: psycopg.Connection) -> frozenset[str]:
    rows = conn.execute(
        "SELECT id::text FROM employers_employerprofile WHERE verification_status <> 'approved'"
    ).fetchall()
    return frozenset(r[0] for r in rows)


def _check_columns(conn: psycopg.Connection, table: str, given: tuple[str, ...]) -> None:
    """Fail clearly when the schema grew a required column this loader does not fill."""
    missing = [
        name
        for (name,) in conn.execute(
            """
            SELECT column_name FROM information_schema.columns
            WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL
              AND is_generated = 'NEVER'
            """,
            [table],
        ).fetchall()
        if name not in given
    ]
    if missing:
        sys.exit(
            f"{table} has required columns the benchmark loader does not fill: {missing}; update bench/load.py"
        )


USER_COLUMNS = (
    "id",
    "password",
    "last_login",
    "is_superuser",
    "email",
    "user_type",
    "email_verified",
    "phone_number",
    "phone_verified",
    "is_active",
    "is_staff",
    "date_joined",
    "updated_at",
    "preferred_language",
    "notification_emails",
)
EMPLOYER_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "user_id",
    "company_name",
    "kvk_number",
    "website",
    "description",
    "address",
    "postal_code",
    "city",
    "is_staffing_agency",
    "sna_certified",
    "sna_certificate_number",
    "waadi_registered",
    "verification_status",
    "verified_at",
    "rejection_reason",
    "suspended_at",
    "suspension_reason",
)


def _columns_present(
    conn: psycopg.Connection, table: str, wanted: tuple[str, ...]
) -> tuple[str, ...]:
    have = {
        r[0]
        for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s", [table]
        ).fetchall()
    }
    return tuple(c for c in wanted if c in have)


def _copy(
    conn: psycopg.Connection, table: str, columns: tuple[str, ...], rows, *, freeze: bool = False
) -> int:
    statement = sql.SQL("COPY {} ({}) FROM STDIN {}").format(
        sql.Identifier(table),
        sql.SQL(", ").join(map(sql.Identifier, columns)),
        sql.SQL("WITH (FREEZE)" if freeze else ""),
    )
    count = 0
    with conn.cursor() as cur, cur.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _load_employers(
    conn: psycopg.Connection, now: datetime, employers: list[corpus.Employer]
) -> None:
    user_columns = _columns_present(conn, "users_user", USER_COLUMNS)
    employer_columns = _columns_present(conn, "employers_employerprofile", EMPLOYER_COLUMNS)
    _check_columns(conn, "users_user", user_columns)
    _check_columns(conn, "employers_employerprofile", employer_columns)
    users = (
        {
            "id": e.user_id,
            "password": "!",
            "last_login": None,
            "is_superuser": False,
            "email": f"bench-employer-{i}@example.com",
            "user_type": "employer",
            "email_verified": True,
            "phone_number": "",
            "phone_verified": False,
            "is_active": True,
            "is_staff": False,
            "date_joined": now,
            "updated_at": now,
            "preferred_language": "nl",
            "notification_emails": True,
        }
        for i, e in enumerate(employers)
    )
    _copy(conn, "users_user", user_columns, ([u[c] for c in user_columns] for u in users))
    profiles = (
        {
            "id": e.id,
            "created_at": now,
            "updated_at": now,
            "user_id": e.user_id,
            "company_name": e.company_name,
            "kvk_number": e.kvk_number,
            "website": "",
            "description": "",
            "address": "",
            "postal_code": "",
            "city": e.city,
            "is_staffing_agency": True,
            "sna_certified": True,
            "sna_certificate_number": "",
            "waadi_registered": True,
            "verification_status": e.verification_status,
            "verified_at": now - timedelta(days=60),
            "rejection_reason": "",
            "suspended_at": (
                now - timedelta(days=1) if e.verification_status == "suspended" else None
            ),
            "suspension_reason": (
                "Benchmark: suspended." if e.verification_status == "suspended" else ""
            ),
        }
        for e in employers
    )
    _copy(
        conn,
        "employers_employerprofile",
        employer_columns,
        ([p[c] for c in employer_columns] for p in profiles),
    )


def _load(url: str, jobs: int) -> None:
    now = datetime.now(UTC)
    approved = max(50, jobs // 300)
    suspended = max(5, approved // 20)
    employers = corpus.make_employers(approved=approved, suspended=suspended, jobs=jobs, seed=SEED)
    generator = corpus.JobGenerator(employers=employers, now=now, seed=SEED + 1)
    started = time.monotonic()
    with psycopg.connect(url) as conn:
        conn.execute("SET maintenance_work_mem = '1GB'")
        conn.execute("SET max_parallel_maintenance_workers = 2")
        _check_columns(conn, "jobs_job", corpus.JobGenerator.COLUMNS)
        conn.execute(
            "TRUNCATE jobs_job, jobs_titleword, employers_employerprofile, users_user CASCADE"
        )
        conn.execute("DELETE FROM bench_meta")
        # Building the indexes once after the rows are in is many times faster than
        # keeping them current row by row; all of it is one transaction, so a crash
        # leaves the database as it was.
        indexes = conn.execute("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.tablename = 'jobs_job' AND NOT EXISTS (
                SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """).fetchall()
        for name, _definition in indexes:
            conn.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
        log(f"loading {approved} approved and {suspended} suspended employers")
        _load_employers(conn, now, employers)
        log(
            f"loading {jobs:,} published jobs (and {OTHER_STATES_SHARE:.0%} more in other states) through COPY"
        )
        # The title words' trigger would look up every row's words one row at a time:
        # they are added once, after the rows (migration 0006).
        conn.execute("ALTER TABLE jobs_job DISABLE TRIGGER jobs_titleword_on_insert")
        copied = _copy(
            conn,
            "jobs_job",
            corpus.JobGenerator.COLUMNS,
            _progress(generator.rows(jobs, other_share=OTHER_STATES_SHARE), jobs),
            freeze=True,
        )
        # The foreign keys' checks, deferred until now: before the indexes, and before
        # the trigger is enabled again (a table with pending checks cannot be altered).
        conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
        conn.execute("ALTER TABLE jobs_job ENABLE TRIGGER jobs_titleword_on_insert")
        conn.execute("SELECT jobs_titleword_refresh()")
        log(
            f"copied {copied:,} rows in {time.monotonic() - started:.0f} s; building {len(indexes)} indexes"
        )
        for name, definition in indexes:
            t = time.monotonic()
            conn.execute(definition)
            log(f"  {name}: {time.monotonic() - t:.0f} s")
        conn.execute(
            "INSERT INTO bench_meta (key, value) VALUES ('jobs', %s), ('corpus', %s), ('loaded_at', %s)",
            [str(jobs), CORPUS_VERSION, now.isoformat()],
        )
    log(f"loaded in {time.monotonic() - started:.0f} s")


def _progress(rows, total: int):
    step = max(total // 10, 1)
    started = time.monotonic()
    for i, row in enumerate(rows):
        if i and i % step == 0:
            log(f"  {i:,} rows, {i / (time.monotonic() - started):,.0f} rows/s")
        yield row


def ensure_loaded(*, url: str, jobs: int) -> Loaded:
    with psycopg.connect(url, autocommit=True) as conn:
        meta = _meta(conn)
    loaded_at = datetime.fromisoformat(meta["loaded_at"]) if "loaded_at" in meta else None
    fresh = loaded_at is not None and datetime.now(UTC) - loaded_at < REUSE_FOR
    reused = meta.get("jobs") == str(jobs) and meta.get("corpus") == CORPUS_VERSION and fresh
    if reused:
        log(f"reusing the {jobs:,} jobs loaded at {meta['loaded_at']}")
    else:
        _load(url, jobs)
    with psycopg.connect(url, autocommit=True) as conn:
        log("VACUUM ANALYZE")
        for table in ("users_user", "employers_employerprofile", "jobs_job"):
            conn.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))
        suspended = _suspended(conn)
        loaded_at = datetime.fromisoformat(_meta(conn)["loaded_at"])
    return Loaded(jobs=jobs, suspended_employers=suspended, loaded_at=loaded_at, reused=reused)
