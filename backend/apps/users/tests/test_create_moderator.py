import pytest
from django.core.management import CommandError, call_command

from apps.users.models import User
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_creates_a_moderator_with_email_only(capsys):
    call_command("create_moderator", "Mod@Example.nl")

    user = User.objects.get()
    assert (user.email, user.user_type, user.is_staff, user.email_verified) == (
        "mod@example.nl",
        "admin",
        True,
        True,
    )
    assert not user.has_usable_password()
    assert "Created moderator mod@example.nl." in capsys.readouterr().out


def test_promotes_an_existing_account():
    user = UserFactory(email="mod@example.nl", user_type="candidate")

    call_command("create_moderator", "mod@example.nl")

    user.refresh_from_db()
    assert (user.user_type, user.is_staff, user.is_moderator) == ("admin", True, True)
    assert User.objects.count() == 1


def test_refuses_a_malformed_email():
    with pytest.raises(CommandError):
        call_command("create_moderator", "not-an-email")
    assert not User.objects.exists()


def test_createsuperuser_needs_only_an_email():
    call_command("createsuperuser", "--noinput", "--email", "root@example.nl")

    user = User.objects.get()
    assert (user.email, user.is_superuser, user.user_type) == ("root@example.nl", True, "admin")
