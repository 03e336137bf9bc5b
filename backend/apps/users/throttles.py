"""Rate limits of sign-in and phone verification (rates: REST_FRAMEWORK's DEFAULT_THROTTLE_RATES)."""

from django.core.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.tokens import RefreshToken

from apps.core.throttling import IPRateThrottle, PerUserRateThrottle, ScopedRateThrottle
from apps.core.validators import normalize_phone_number
from apps.users.serializers import MagicLinkRequestSerializer


def _body_field(request: Request, name: str) -> str | None:
    data = request.data
    value = data.get(name) if hasattr(data, "get") else None
    return value if isinstance(value, str) and value.strip() else None


class MagicLinkIPThrottle(IPRateThrottle):
    scope = "magic_link_ip"


class MagicLinkVerifyIPThrottle(IPRateThrottle):
    """Links followed per address, instead of the anonymous limit (a shared Wi-Fi)."""

    scope = "magic_link_verify_ip"


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


class PhoneIPThrottle(IPRateThrottle):
    """Texts asked per address, over all accounts: accounts are cheap to make, and
    texts cost money (SMS pumping)."""

    scope = "phone_ip"


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


class TokenRefreshIPThrottle(IPRateThrottle):
    """Refreshes per address, instead of the anonymous limit: a warehouse's Wi-Fi or a
    carrier's shared address carries many workers' phones, each refreshing every ten
    minutes, and the anonymous 100 an hour would sign them out."""

    scope = "token_refresh_ip"


class TokenRefreshUserThrottle(ScopedRateThrottle):
    """Refreshes per account, read from the refresh token when its signature holds
    (nobody can spend another account's budget with a made-up token)."""

    scope = "token_refresh_user"

    def get_ident_for(self, request: Request) -> str | None:
        refresh = _body_field(request, "refresh")
        if refresh is None:
            return None
        try:
            token = RefreshToken(refresh)  # type: ignore[arg-type]
        except TokenError:
            return None  # refused by the view; the address's limit counted it
        user_id = token.get(jwt_settings.USER_ID_CLAIM)
        return str(user_id) if user_id is not None else None
