"""Throttles counted in Redis, one round trip a request, that fail open.

DRF's own throttles keep every request of the period in one pickled list per
client, read and written back on each request: two round trips and a list the
size of the rate. These count instead in fixed windows of the period and judge
by a sliding window: the current window's count plus the previous window's,
weighted by how much of it the sliding window still covers. That estimate
assumes the previous window's requests came evenly; it stops the classic
fixed-window burst (a full limit at the end of one window and another at the
start of the next), but a client that spends its limit at the very end of a
window can still get about the limit again within the next period (at worst
twice the rate over one period, never more). One
Lua script checks and counts atomically, and a refused request is not counted,
as in DRF. Rates, scopes and `THROTTLE_RATES` are DRF's.

When Redis is down, refusing every request would take the whole API down with
it, so a throttle that cannot count lets the request through and logs an
error. What stays closed without Redis: new sign-in links (the worker makes
them, through the Celery broker), emails and SMS; the request still answers
202 and the failure is logged. Verifying a link, refreshing tokens and
everything signed in keep working.
"""

import hashlib
import logging
import math
from typing import TYPE_CHECKING, Any, ClassVar

import redis
from django.conf import settings
from django.core.cache import cache
from rest_framework import throttling
from rest_framework.request import Request

from apps.core.cache import SharedConnectionPool
from apps.core.requests import client_ident

if TYPE_CHECKING:  # rest_framework.views imports the throttle classes named in settings
    from rest_framework.views import APIView

logger = logging.getLogger(__name__)

# KEYS: this window's counter, the previous window's. ARGV: the previous window's
# weight, the limit, the counter's lifetime in seconds. Returns {allowed, this, previous}.
SLIDING_WINDOW = """
local this = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
if previous * tonumber(ARGV[1]) + this >= tonumber(ARGV[2]) then
    return {0, this, previous}
end
redis.call('SET', KEYS[1], this + 1, 'EX', ARGV[3])
return {1, this + 1, previous}
"""


class _Redis:
    """A client per Redis URL and process, on the cache's shared connection pool."""

    _clients: ClassVar[dict[str, Any]] = {}

    @classmethod
    def script(cls) -> Any:
        config = settings.CACHES["default"]
        url = config["LOCATION"]
        if url not in cls._clients:
            options = config.get("OPTIONS", {})
            pool = SharedConnectionPool.from_url(
                url,
                socket_connect_timeout=options.get("socket_connect_timeout"),
                socket_timeout=options.get("socket_timeout"),
            )
            client = redis.Redis(connection_pool=pool)
            cls._clients[url] = client.register_script(SLIDING_WINDOW)
        return cls._clients[url]


class SlidingWindowThrottle(throttling.SimpleRateThrottle):
    """DRF's SimpleRateThrottle (rates, scopes, cache keys) counting in Redis as above."""

    def get_ident(self, request: Request) -> str:
        """Who counts as one client: `client_ident` (an IPv6 client by its /64)."""
        return client_ident(request) or ""

    retry_after: float | None = None
    num_requests: int  # set from the rate by DRF
    duration: int

    def allow_request(self, request: Request, view: "APIView") -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        try:
            return self._count(key)
        except Exception:  # the client's errors: connection, timeout, protocol
            logger.exception(
                "throttle %s could not count; letting the request through", type(self).__name__
            )
            return True

    def _count(self, key: str) -> bool:
        period = self.duration
        now = self.timer()
        window, into = divmod(now, period)
        weight = 1 - into / period  # of the previous window, still in the sliding one
        allowed, this, previous = _Redis.script()(
            keys=[
                cache.make_key(f"{key}:{int(window)}"),
                cache.make_key(f"{key}:{int(window) - 1}"),
            ],
            args=[repr(weight), self.num_requests, 2 * period + 1],
        )
        if allowed:
            return True
        self.retry_after = self._wait_for(int(this), int(previous), into, period)
        return False

    def _wait_for(self, this: int, previous: int, into: float, period: int) -> float:
        """Seconds until one more request fits: previous * weight + this < limit."""
        limit = self.num_requests
        if this < limit:
            # This window: the previous one's weight must fall below (limit - this) / previous.
            fits_at = 1 - (limit - this) / previous
            return max(1.0, fits_at * period - into)
        # Only in the next window, where this one is the previous: weight below limit / this.
        fits_at = 1 - limit / this
        return max(1.0, period - into + fits_at * period)

    def wait(self) -> float | None:
        return math.ceil(self.retry_after) if self.retry_after is not None else None


# A view mixin: throttles are asked in order and the first refusal ends the check.
# DRF asks every throttle even after one refused, and each that allows counts the
# request. With a per-address limit before a per-person one, a flood from one
# address would then use up the person's budget with requests that were refused
# anyway. Put the broader limit first. (A comment, not a docstring: drf-spectacular
# would show a docstring as the description of every view without its own.)
class FirstRefusalEnds:

    def check_throttles(self, request: Request) -> None:
        view: Any = self
        for throttle in view.get_throttles():
            if not throttle.allow_request(request, view):
                view.throttled(request, throttle.wait())


class AnonRateThrottle(SlidingWindowThrottle, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(SlidingWindowThrottle, throttling.UserRateThrottle):
    """Signed-in users only: AnonRateThrottle counts everybody else, by address."""

    def get_cache_key(self, request: Request, view: "APIView") -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)


class ScopedRateThrottle(SlidingWindowThrottle):
    """A throttle with its own scope whose key a subclass derives from the request."""

    def get_cache_key(self, request: Request, view: "APIView") -> str | None:
        ident = self.get_ident_for(request)
        if ident is None:
            return None
        digest = hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return self.cache_format % {"scope": self.scope, "ident": digest}

    def get_ident_for(self, request: Request) -> str | None:
        """Whose requests count together; subclasses say. None: not throttled."""
        return None


class IPRateThrottle(ScopedRateThrottle):
    def get_ident_for(self, request: Request) -> str | None:
        return str(self.get_ident(request))


class PerUserRateThrottle(ScopedRateThrottle):
    def get_ident_for(self, request: Request) -> str | None:
        user: Any = request.user
        return str(user.pk) if user and user.is_authenticated else None
