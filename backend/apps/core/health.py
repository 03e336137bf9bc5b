"""Probes behind the health endpoints.

Each probe opens its own short-lived connection with a short timeout, so a
load balancer learns within seconds that a dependency is gone, whatever
state the request's pooled connections are in.
"""

import contextvars
import logging
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import psycopg
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger(__name__)


def database_params() -> dict[str, Any]:
    """How this thread's Django connects (`sslmode`, options...), for a connection of its own."""
    params: dict[str, Any] = connections[DEFAULT_DB_ALIAS].get_connection_params()
    return {**params, "connect_timeout": settings.DB_CONNECT_TIMEOUT, "autocommit": True}


def database_is_up(params: dict[str, Any] | None = None) -> bool:
    params = params or database_params()
    try:
        with psycopg.connect(**params) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error:
        logger.exception("health: database check failed")
        return False
    return True


def cache_is_up() -> bool:
    key = "health:probe"
    value = secrets.token_hex(8)
    try:
        cache.set(key, value, timeout=10)
        ok = bool(cache.get(key) == value)
    except Exception:  # any Redis client error means the cache is down
        logger.exception("health: cache check failed")
        return False
    if not ok:
        logger.error("health: cache check read back a different value")
    return ok


def run_probes(probes: dict[str, Callable[[], bool]]) -> dict[str, bool]:
    """Every probe at once, so that the answer takes as long as the slowest, not their sum."""
    with ThreadPoolExecutor(max_workers=len(probes), thread_name_prefix="health") as pool:
        # Each in a copy of this context, so its log lines carry the request's id.
        futures = {
            name: pool.submit(contextvars.copy_context().run, probe)
            for name, probe in probes.items()
        }
        return {name: future.result() for name, future in futures.items()}


def migrations_are_applied() -> bool:
    """True when the database holds every migration this code knows of."""
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:  # the database went away between the probes
        logger.exception("health: migration check failed")
        return False
    if plan:
        logger.warning("health: %d migrations are not applied", len(plan))
    return not plan
