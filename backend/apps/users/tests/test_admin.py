from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from apps.users import services
from apps.users.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_for_superuser() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("root@example.nl"))
    return client


def test_user_admin_lists_and_searches(admin_client_for_superuser):
    User.objects.create_user("worker@example.nl")

    response = admin_client_for_superuser.get("/admin/users/user/", {"q": "worker"})

    assert response.status_code == 200
    assert b"worker@example.nl" in response.content


def test_user_admin_adds_a_user_by_email_only(admin_client_for_superuser):
    response = admin_client_for_superuser.post(
        "/admin/users/user/add/",
        {"email": "New@Example.nl", "user_type": "employer", "usable_password": "false"},
    )

    assert response.status_code == 302
    user = User.objects.get(email="new@example.nl")
    assert user.user_type == "employer"
    assert not user.has_usable_password()


def test_admin_is_closed_to_non_staff():
    client = Client()
    client.force_login(User.objects.create_user("worker@example.nl"))

    response = client.get("/admin/users/user/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def change(client, user, **fields):
    data = {
        "email": user.email,
        "phone_number": user.phone_number,
        "is_active": "on",
        "email_verified": "on" if user.email_verified else "",
        "phone_verified": "on" if user.phone_verified else "",
        **fields,
    }
    return client.post(f"/admin/users/user/{user.pk}/change/", {k: v for k, v in data.items() if v})


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        # A new address or number is its owner's to prove; the other flag stays.
        ({"email": "other@example.nl"}, ("other@example.nl", False, "+31612345678", True)),
        ({"phone_number": "+31687654321"}, ("worker@example.nl", True, "+31687654321", False)),
        ({"is_staff": "on"}, ("worker@example.nl", True, "+31612345678", True)),
        ({"email": "Worker@Example.NL"}, ("worker@example.nl", True, "+31612345678", True)),
    ],
    ids=["email", "phone", "other", "same-address-spelled-otherwise"],
)
def test_a_value_typed_in_the_admin_is_unverified(admin_client_for_superuser, changed, expected):
    user = User.objects.create_user(
        "worker@example.nl", email_verified=True, phone_number="+31612345678", phone_verified=True
    )

    response = change(admin_client_for_superuser, user, **changed)

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.email, user.email_verified, user.phone_number, user.phone_verified) == expected


def test_the_account_type_is_read_only_once_the_account_exists(admin_client_for_superuser):
    user = User.objects.create_user("worker@example.nl", user_type="candidate")

    response = change(admin_client_for_superuser, user, user_type="employer")

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.user_type == "candidate"


LOGIN = "/admin/login/"


def admin_sign_in(email: str, password: str, ip: str = "198.51.100.7") -> tuple[int, bool]:
    """The status of a Django admin sign-in, and whether it signed in."""
    client = Client()
    response = client.post(
        LOGIN, {"username": email, "password": password, "next": "/admin/"}, REMOTE_ADDR=ip
    )
    return response.status_code, "_auth_user_id" in client.session


@pytest.fixture
def superuser() -> User:
    return User.objects.create_superuser("root@example.nl", password="a long passphrase 42")


def test_admin_sign_in_works_with_the_right_password(superuser):
    assert admin_sign_in("root@example.nl", "a long passphrase 42") == (302, True)


def test_five_wrong_passwords_lock_the_account_out_of_the_admin(superuser):
    failures = [admin_sign_in("root@example.nl", f"guess {i}")[0] for i in range(5)]

    locked = admin_sign_in("root@example.nl", "a long passphrase 42")

    assert failures == [200] * 4 + [429]  # the form again, then the lockout
    assert locked == (429, False)


def test_the_account_s_failures_count_from_every_address_and_spelling(superuser):
    for i, spelling in enumerate(["Root@Example.nl", "ROOT@example.NL", " root@example.nl"] * 2):
        admin_sign_in(spelling, "guess", ip=f"203.0.113.{i + 1}")

    assert admin_sign_in("root@example.nl", "a long passphrase 42", ip="192.0.2.1") == (
        429,
        False,
    )


def test_an_address_s_failures_lock_it_out_for_every_account(superuser):
    for i in range(5):
        admin_sign_in(f"nobody{i}@example.nl", "guess", ip="203.0.113.9")

    assert admin_sign_in("root@example.nl", "a long passphrase 42", ip="203.0.113.9") == (
        429,
        False,
    )
    assert admin_sign_in("root@example.nl", "a long passphrase 42", ip="192.0.2.1") == (
        302,
        True,
    )


def test_a_lockout_leaves_the_api_s_sign_in_alone(superuser, api_client):
    for i in range(5):
        admin_sign_in("root@example.nl", f"guess {i}")
    token, _link = services._magic_link_token_create(user=superuser, ip=None, user_agent="")

    response = api_client.post("/api/v1/auth/magic-link/verify/", {"token": token}, format="json")

    assert response.status_code == 200


def test_an_ipv6_host_s_failures_count_as_its_64(superuser):
    for i in range(5):
        admin_sign_in(f"nobody{i}@example.nl", "guess", ip=f"2001:db8:0:1::{i + 1}")

    assert admin_sign_in("root@example.nl", "a long passphrase 42", ip="2001:db8:0:1::99") == (
        429,
        False,
    )
    assert admin_sign_in("root@example.nl", "a long passphrase 42", ip="2001:db8:0:2::1") == (
        302,
        True,
    )


def test_failures_during_a_lockout_do_not_extend_it(superuser):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for i in range(5):
            admin_sign_in("root@example.nl", f"guess {i}")
    with time_machine.travel(start + timedelta(minutes=50), tick=False):
        assert admin_sign_in("root@example.nl", "guess again")[0] == 429

    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        assert admin_sign_in("root@example.nl", "a long passphrase 42") == (302, True)
