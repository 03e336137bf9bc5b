"""One Redis connection pool per URL and process.

Django's Redis cache makes a client per request context; under ASGI every
request is a context of its own, so without this each request would open a
new Redis connection.
"""

from typing import Any, ClassVar

import redis


class SharedConnectionPool(redis.ConnectionPool):
    _shared: ClassVar[dict[str, redis.ConnectionPool]] = {}

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> Any:
        if url not in cls._shared:
            cls._shared[url] = redis.ConnectionPool.from_url(url, **kwargs)
        return cls._shared[url]
