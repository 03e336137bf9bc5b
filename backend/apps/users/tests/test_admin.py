import pytest
from django.test import Client

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
