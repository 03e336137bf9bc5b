"""Rate limits of sign-in and phone verification (rates: REST_FRAMEWORK's DEFAULT_THROTTLE_RATES)."""

from django.core.exceptions import ValidationError
from rest_framework.request import Request

from apps.core.throttling import IPRateThrottle, PerUserRateThrottle, ScopedRateThrottle
from apps.core.validators import normalize_phone_number
from apps.users.serializers import MagicLinkRequestSerializer


def _body_field(request: Request, name: str) -> str | None:
    data = request.data
    value = data.get(name) if hasattr(data, "get") else None
    return value if isinstance(value, str) and value.strip() else None


class MagicLinkIPThrottle(IPRateThrottle):
    scope = "magic_link_ip"


class MagicLinkEmailThrottle(ScopedRateThrottle):
    """Per address, so nobody floods one person's inbox from many IPs.

    Only requests the view acts on count: were refused ones (an unknown field,
    an `admin` type) counted, anybody could use up someone's budget and keep
    them from signing in without a single link reaching their inbox.
    """

    scope = "magic_link_email"

    def get_ident_for(self, request: Request) -> str | None:
        serializer = MagicLinkRequestSerializer(data=request.data)
        return str(serializer.validated_data["email"]) if serializer.is_valid() else None


class PhoneUserThrottle(PerUserRateThrottle):
    scope = "phone_user"


class PhoneNumberThrottle(ScopedRateThrottle):
    """Per number, so no account can make the platform text a stranger over and over."""

    scope = "phone_number"

    def get_ident_for(self, request: Request) -> str | None:
        number = _body_field(request, "phone_number")
        if number is None:
            return None
        try:
            return normalize_phone_number(number)
        except ValidationError:
            return None


class PhoneVerifyThrottle(PerUserRateThrottle):
    scope = "phone_verify"
