import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from apps.core.permissions import IsCandidate, IsEmployer, IsModerator
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def request_as(user) -> Request:
    request = Request(APIRequestFactory().get("/"))
    request.user = user
    return request


@pytest.mark.parametrize(
    ("user_type", "is_staff", "allowed"),
    [
        (None, False, (False, False, False)),
        ("candidate", False, (True, False, False)),
        ("employer", False, (False, True, False)),
        ("admin", False, (False, False, True)),
        ("employer", True, (False, True, True)),
    ],
)
def test_role_permissions(user_type, is_staff, allowed):
    user = (
        AnonymousUser()
        if user_type is None
        else UserFactory(user_type=user_type, is_staff=is_staff)
    )
    request = request_as(user)

    result = tuple(
        cls().has_permission(request, None) for cls in (IsCandidate, IsEmployer, IsModerator)
    )

    assert result == allowed
