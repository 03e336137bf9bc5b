import pytest

from apps.users.models import User
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/users/me/"


def snapshot(user: User) -> dict[str, object]:
    return dict(User.objects.filter(pk=user.pk).values().get())


def test_me_shows_the_account(client_for):
    user = UserFactory(email="sanne@example.nl", phone_number="+31612345678", phone_verified=True)

    response = client_for(user).get(URL)

    assert response.status_code == 200
    assert response.json() == {
        "id": str(user.pk),
        "email": "sanne@example.nl",
        "user_type": "candidate",
        "email_verified": False,
        "phone_number": "+31612345678",
        "phone_verified": True,
        "preferred_language": "",
        "notification_emails": True,
        "date_joined": user.date_joined.astimezone().isoformat(),
    }


def test_me_changes_the_preferred_language(client_for):
    user = UserFactory()

    response = client_for(user).patch(URL, {"preferred_language": "nl"}, format="json")

    assert response.status_code == 200
    assert response.json()["preferred_language"] == "nl"
    user.refresh_from_db()
    assert user.preferred_language == "nl"


def test_me_refuses_an_unknown_language(client_for):
    user = UserFactory()
    before = snapshot(user)

    response = client_for(user).patch(URL, {"preferred_language": "de"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "preferred_language"
    assert snapshot(user) == before


def test_read_only_fields_sent_back_are_ignored(client_for):
    user = UserFactory(email="sanne@example.nl")
    before = snapshot(user)

    response = client_for(user).patch(
        URL,
        {
            "email": "evil@example.nl",
            "user_type": "admin",
            "email_verified": True,
            "phone_verified": True,
            "phone_number": "+31699999999",
            "id": "00000000-0000-0000-0000-000000000000",
        },
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["email"] == "sanne@example.nl"
    after = snapshot(user)
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }


@pytest.mark.parametrize(
    "field", ["is_staff", "is_superuser", "is_active", "password", "last_login"]
)
def test_privilege_fields_are_refused(client_for, field):
    user = UserFactory()
    before = snapshot(user)

    response = client_for(user).patch(URL, {field: True}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"code": "unknown_field", "detail": "This field is not allowed.", "attr": field}
    ]
    assert snapshot(user) == before


def test_put_is_not_allowed(client_for):
    response = client_for(UserFactory()).put(URL, {"preferred_language": "nl"}, format="json")

    assert response.status_code == 405
