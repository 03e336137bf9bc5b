from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle


def client_ip(request: Request) -> str | None:
    """The caller's address, trusting as many proxies as REST_FRAMEWORK's NUM_PROXIES says."""
    ident = BaseThrottle().get_ident(request)
    return ident or None


def user_agent(request: Request) -> str:
    return str(request.META.get("HTTP_USER_AGENT", ""))[:512]
