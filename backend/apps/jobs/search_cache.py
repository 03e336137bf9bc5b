"""Anonymous search answers, cached briefly in Redis.

Every cached answer carries the search generation it was made in. Anything
that changes what search may show (a job published, closed, filled or
expired, an employer suspended) bumps the generation after commit, so no
cached answer ever shows a job that left search. Redis down: no caching.
"""

import hashlib
import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

GENERATION_KEY = "jobs:search:generation"


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return int(generation)


def _key(generation: int, query: str) -> str:
    digest = hashlib.sha256(query.encode()).hexdigest()[:40]
    return f"jobs:search:{generation}:{digest}"


def get(query: str) -> tuple[Any, int | None]:
    """(cached body or None, generation to store under); (None, None) when off or Redis is down."""
    if not settings.SEARCH_CACHE_SECONDS:
        return None, None
    try:
        generation = _generation()
        return cache.get(_key(generation, query)), generation
    except Exception:
        logger.exception("search cache unavailable")
        return None, None


def put(query: str, generation: int | None, body: Any) -> None:
    if generation is None:
        return
    try:
        cache.set(_key(generation, query), body, timeout=settings.SEARCH_CACHE_SECONDS)
    except Exception:
        logger.exception("search cache unavailable")


def invalidate() -> None:
    try:
        cache.add(GENERATION_KEY, 1, timeout=None)
        cache.incr(GENERATION_KEY)
    except Exception:
        # Answers made before expire within SEARCH_CACHE_SECONDS anyway.
        logger.exception("search cache could not be invalidated")
