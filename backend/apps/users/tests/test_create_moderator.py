import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from apps.employers.tests.factories import EmployerProfileFactory
from apps.safety.models import AuditEvent
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


@pytest.mark.parametrize("existing", [False, True])
def test_a_moderator_can_work_the_verification_queue_and_read_the_trail_in_the_admin(existing):
    if existing:
        UserFactory(email="mod@example.nl", user_type="candidate")
    call_command("create_moderator", "mod@example.nl")
    moderator = User.objects.get(email="mod@example.nl")
    employer = EmployerProfileFactory(verification_status="pending")
    client = Client()
    client.force_login(moderator)

    assert client.get("/admin/employers/employerprofile/").status_code == 200
    assert client.get("/admin/safety/auditevent/").status_code == 200
    assert client.get("/admin/candidates/candidateprofile/").status_code == 403
    approve = client.post(
        "/admin/employers/employerprofile/",
        {"action": "approve", "_selected_action": [employer.pk], "apply": "Approve", "reason": ""},
    )

    assert approve.status_code == 302
    change_form = client.get(f"/admin/employers/employerprofile/{employer.pk}/change/")
    assert change_form.status_code == 200
    assert 'name="website"' not in change_form.content.decode()  # the profile is read-only
    employer.refresh_from_db()
    assert employer.verification_status == "approved"
    assert AuditEvent.objects.get(action="employer.approved").actor == moderator
