import ipaddress
from typing import TYPE_CHECKING, cast

from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

if TYPE_CHECKING:
    from apps.users.models import User


def client_ip(request: Request | HttpRequest) -> str | None:
    """The caller's address, trusting as many proxies as REST_FRAMEWORK's NUM_PROXIES says.

    What a proxy's X-Forwarded-For gives is checked to be an address; anything
    else (a client that reached the app past its proxy can write the header)
    falls back to the connection's own address, and None when that is none
    either (a server on a Unix socket may pass any text).
    """
    for ident in (
        BaseThrottle().get_ident(cast(Request, request)),
        request.META.get("REMOTE_ADDR"),
    ):
        try:
            address = ipaddress.ip_address(str(ident or ""))
        except ValueError:
            continue
        # A dual-stack proxy writes an IPv4 client as ::ffff:a.b.c.d: it is that IPv4 client.
        mapped = getattr(address, "ipv4_mapped", None)
        return str(mapped or address)
    return None


def client_ident(request: Request | HttpRequest) -> str | None:
    """Who counts as one client (throttles, admin lockouts): its checked address
    (`client_ip`), an IPv6 client as its /64's first address.

    An IPv6 host usually has a whole /64 to itself and can take a new address
    from it for every request.
    """
    ident = client_ip(request)
    if ident and ":" in ident:
        return str(ipaddress.ip_network(f"{ident}/64", strict=False).network_address)
    return ident


def user_agent(request: Request) -> str:
    return str(request.META.get("HTTP_USER_AGENT", ""))[:512]


def request_user(request: Request) -> "User":
    """The caller as our User; views declare who may call them, so the type is theirs to trust."""
    return cast("User", request.user)
