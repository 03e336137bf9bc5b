"""Probes behind the health endpoints.

Each probe opens its own short-lived connection with a short timeout, so a
load balancer learns within seconds that a dependency is gone, whatever
state the request's pooled connections are in.
"""

import logging
import secrets

import psycopg
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger(__name__)


def database_is_up() -> bool:
    db = settings.DATABASES[DEFAULT_DB_ALIAS]
    try:
        with psycopg.connect(
            dbname=db["NAME"],
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            connect_timeout=settings.DB_CONNECT_TIMEOUT,
            autocommit=True,
        ) as conn:
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
