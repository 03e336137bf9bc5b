"""HTTP for accounts and sign-in: parse, call a service, render."""

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.requests import client_ip, request_user, user_agent
from apps.core.serializers import DetailSerializer
from apps.core.throttling import FirstRefusalEnds
from apps.users import services
from apps.users.serializers import (
    LogoutSerializer,
    MagicLinkRequestSerializer,
    MagicLinkVerifySerializer,
    PhoneCodeSerializer,
    PhoneNumberSerializer,
    RefreshSerializer,
    SignInSerializer,
    TokenPairSerializer,
    UserSerializer,
)
from apps.users.throttles import (
    MagicLinkEmailThrottle,
    MagicLinkIPThrottle,
    MagicLinkVerifyIPThrottle,
    PhoneIPThrottle,
    PhoneNumberThrottle,
    PhoneUserThrottle,
    PhoneVerifyThrottle,
    TokenRefreshIPThrottle,
    TokenRefreshUserThrottle,
)

MAGIC_LINK_SENT = "If this address can receive email, a message with a sign-in link is on its way."


def _language(request: Request) -> str:
    return translation.get_language_from_request(request._request)


def _language_named(request: Request) -> str:
    """The platform's language the browser names (its language cookie, else the first of
    its Accept-Language it accepts), or "" when it names none: as the emails choose."""
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    accepted = [code for code, q in trans_real.parse_accept_lang_header(header) if q > 0]
    for code in [cookie, *accepted] if cookie else accepted:
        if code == "*":
            break
        try:
            return str(translation.get_supported_language_variant(code))
        except LookupError:
            continue
    return ""


class NoReferrerMixin(APIView):
    """Pages that handle sign-in secrets must not leak them in a Referer header."""

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return response


class MagicLinkRequestView(FirstRefusalEnds, NoReferrerMixin):
    permission_classes = (AllowAny,)
    authentication_classes = ()
    throttle_classes = (MagicLinkIPThrottle, MagicLinkEmailThrottle)

    @extend_schema(
        tags=["auth"],
        summary="Email a one-time sign-in link",
        description=(
            "Answers the same 202 for every well-formed email, whether or not an account "
            "exists. With `user_type`, an account is made when none exists."
        ),
        request=MagicLinkRequestSerializer,
        responses={202: DetailSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = MagicLinkRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.magic_link_request(
            email=serializer.validated_data["email"],
            user_type=serializer.validated_data.get("user_type"),
            ip=client_ip(request),
            user_agent=user_agent(request),
            language=_language(request),
        )
        return Response({"detail": MAGIC_LINK_SENT}, status=status.HTTP_202_ACCEPTED)


class MagicLinkVerifyView(NoReferrerMixin):
    permission_classes = (AllowAny,)
    authentication_classes = ()
    # Not the anonymous limit: many workers may sign in from one address. A token is
    # 32 random bytes: guessing is hopeless at any rate.
    throttle_classes = (MagicLinkVerifyIPThrottle,)

    @extend_schema(
        tags=["auth"],
        summary="Trade a sign-in link's token for JWTs",
        description=(
            "Unknown, used, expired and malformed tokens all give 400 `invalid_token`. An"
            " account signing in for the first time with no `preferred_language` takes the"
            " one of Dutch and English its browser names (language cookie, else the first"
            " it accepts in Accept-Language), so that its notifications are written in it;"
            " `PATCH /users/me/` changes it."
        ),
        request=MagicLinkVerifySerializer,
        responses={200: SignInSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = MagicLinkVerifySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.magic_link_verify(
            token=serializer.validated_data["token"], language=_language_named(request)
        )
        body = {**services.jwt_pair_issue(user=user), "user": UserSerializer(user).data}
        return Response(body)


class TokenRefreshView(FirstRefusalEnds, NoReferrerMixin):
    """A new access and refresh token; the refresh token sent stops working (rotation)."""

    permission_classes = (AllowAny,)
    authentication_classes = ()
    # Not the anonymous limit: many workers' phones may share one address.
    throttle_classes = (TokenRefreshIPThrottle, TokenRefreshUserThrottle)

    @extend_schema(
        tags=["auth"],
        summary="Rotate the refresh token",
        request=RefreshSerializer,
        responses={
            200: TokenPairSerializer,
            401: OpenApiResponse(
                description="`token_not_valid`: the token is used, revoked, expired or"
                " malformed; `no_active_account`: its account is gone or deactivated."
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = RefreshSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(services.refresh_token_rotate(refresh=serializer.validated_data["refresh"]))

    def get_authenticate_header(self, request: Request) -> str:
        # A refused token is a 401 with its challenge (DRF answers 403 without one).
        return 'Bearer realm="api"'


class LogoutView(NoReferrerMixin):
    permission_classes = (IsAuthenticated,)

    @extend_schema(
        tags=["auth"],
        summary="Sign out: the refresh token stops working",
        request=LogoutSerializer,
        responses={204: OpenApiResponse(description="Signed out.")},
    )
    def post(self, request: Request) -> Response:
        serializer = LogoutSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.refresh_token_revoke(
            user=request_user(request), refresh=serializer.validated_data["refresh"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(tags=["users"], summary="The signed-in account", responses={200: UserSerializer})
    def get(self, request: Request) -> Response:
        return Response(UserSerializer(request_user(request)).data)

    @extend_schema(
        tags=["users"],
        summary="Change the signed-in account",
        description=(
            "Only `preferred_language` and `notification_emails` are writable; read-only"
            " fields sent are ignored, unknown fields refused."
        ),
        request=UserSerializer,
        responses={200: UserSerializer},
    )
    def patch(self, request: Request) -> Response:
        serializer = UserSerializer(request_user(request), data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        user = services.user_update(user=request_user(request), **serializer.validated_data)
        return Response(UserSerializer(user).data)


class PhoneStartView(FirstRefusalEnds, APIView):
    permission_classes = (IsAuthenticated,)
    throttle_classes = (PhoneIPThrottle, PhoneUserThrottle, PhoneNumberThrottle)

    @extend_schema(
        tags=["users"],
        summary="Text a 6-digit code to a phone number",
        description=(
            "A mobile number; without a country code it is Dutch. A number that takes no"
            " text message (a landline, premium-rate, toll-free or VoIP number) is 400"
            " `invalid_phone_number`; a mobile number of a country the platform does not"
            " text (by default it texts the EU and EEA with their outermost regions, the"
            " Dutch Caribbean, Switzerland, the United Kingdom and Ukraine) is 400"
            " `phone_country_not_supported`."
        ),
        request=PhoneNumberSerializer,
        responses={202: DetailSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = PhoneNumberSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.phone_verification_start(
            user=request_user(request),
            phone_number=serializer.validated_data["phone_number"],
            language=_language(request),
        )
        return Response({"detail": "A code is on its way by SMS."}, status=status.HTTP_202_ACCEPTED)


class PhoneVerifyView(APIView):
    permission_classes = (IsAuthenticated,)
    throttle_classes = (PhoneVerifyThrottle,)

    @extend_schema(
        tags=["users"],
        summary="Confirm the phone number with the code",
        description="A wrong, expired or used-up code gives 400 `invalid_code`; five wrong codes end a code.",
        request=PhoneCodeSerializer,
        responses={200: UserSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = PhoneCodeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.phone_verification_confirm(
            user=request_user(request), code=serializer.validated_data["code"]
        )
        return Response(UserSerializer(user).data)
