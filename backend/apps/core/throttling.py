"""Throttles counted in Redis that fail open.

When Redis is down, refusing every request would take sign-in down with it,
so a throttle that cannot count lets the request through and logs an error.
What stays closed without Redis: nothing in sign-in itself; the email that
carries a magic link waits on the Celery broker, so it is not sent (the
request still answers 202 and the failure is logged).
"""

import hashlib
import logging
from typing import TYPE_CHECKING, Any

from rest_framework import throttling
from rest_framework.request import Request

if TYPE_CHECKING:  # rest_framework.views imports the throttle classes named in settings
    from rest_framework.views import APIView

logger = logging.getLogger(__name__)


class FailOpenMixin:
    def allow_request(self, request: Request, view: "APIView") -> bool:
        try:
            return bool(super().allow_request(request, view))  # type: ignore[misc]
        except Exception:  # the cache client's errors: connection, timeout, protocol
            logger.exception(
                "throttle %s could not count; letting the request through", type(self).__name__
            )
            return True


class AnonRateThrottle(FailOpenMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(FailOpenMixin, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(FailOpenMixin, throttling.SimpleRateThrottle):
    """A throttle with its own scope whose key a subclass derives from the request."""

    def get_cache_key(self, request: Request, view: "APIView") -> str | None:
        ident = self.get_ident_for(request)
        if ident is None:
            return None
        digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
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
