"""Who may call what: one class per role, declared on each view."""

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView


def _user(request: Request) -> Any:
    user = request.user
    return user if user and user.is_authenticated else None


class IsCandidate(BasePermission):
    message = "Only candidates can do this."

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = _user(request)
        return bool(user and user.is_candidate)


class IsEmployer(BasePermission):
    message = "Only employers can do this."

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = _user(request)
        return bool(user and user.is_employer)


class IsModerator(BasePermission):
    """Trust-and-safety moderators: users of type `admin`, and Django staff."""

    message = "Only moderators can do this."

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = _user(request)
        return bool(user and user.is_moderator)
