"""Anonymous search answers, cached briefly in Redis.

Every cached answer carries the search generation it was made in. Anything
that changes what search may show (a job published, closed, filled or
expired, an employer suspended) bumps the generation after commit, so no
cached answer ever shows a job that left search. A job expires by the clock
before the task marks it: an answer is kept no longer than its soonest
`expires_at`. Redis down: no caching.
"""

import hashlib
import logging
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

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


def _lifetime(body: Any) -> int:
    """Seconds the answer may be served: SEARCH_CACHE_SECONDS, or less when a job in it
    expires sooner (search never shows an expired job, and its expiry bumps nothing)."""
    seconds = float(settings.SEARCH_CACHE_SECONDS)
    now = timezone.now()
    for job in body.get("results", []) if isinstance(body, dict) else []:
        if job.get("expires_at"):
            until = datetime.fromisoformat(job["expires_at"])
            seconds = min(seconds, (until - now).total_seconds())
    return int(seconds)  # whole seconds, down: never past the expiry


def put(query: str, generation: int | None, body: Any) -> None:
    if generation is None:
        return
    lifetime = _lifetime(body)
    if lifetime < 1:
        return
    try:
        cache.set(_key(generation, query), body, timeout=lifetime)
    except Exception:
        logger.exception("search cache unavailable")


def invalidate() -> None:
    try:
        cache.add(GENERATION_KEY, 1, timeout=None)
        cache.incr(GENERATION_KEY)
    except Exception:
        # Answers made before expire within SEARCH_CACHE_SECONDS anyway.
        logger.exception("search cache could not be invalidated")
