"""A sign-up whose link nobody followed leaves no account behind a week later."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from apps.applications.tests.factories import ApplicationFactory
from apps.candidates.models import CandidateProfile
from apps.employers.models import EmployerProfile
from apps.jobs.tests.factories import JobFactory
from apps.users import tasks
from apps.users.models import MagicLinkToken, User
from apps.users.selectors import unconfirmed_sign_ups
from apps.users.services import unconfirmed_sign_up_delete, user_create

pytestmark = pytest.mark.django_db

WEEK = timedelta(days=7)


@pytest.fixture
def ask(api_client, django_capture_on_commit_callbacks):
    """A sign-in link asked for, the worker's part (the account, the link) done."""

    def post(email, **body):
        with django_capture_on_commit_callbacks(execute=True):
            response = api_client.post(
                "/api/v1/auth/magic-link/", {"email": email, **body}, format="json"
            )
        assert response.status_code == 202
        return User.objects.filter(email=email).first()

    return post


@pytest.mark.parametrize("user_type", ["candidate", "employer"])
def test_an_account_whose_link_nobody_followed_goes_after_a_week(ask, user_type):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        user = ask("nooit@example.nl", user_type=user_type)

    with time_machine.travel(start + WEEK - timedelta(minutes=1), tick=False):
        assert tasks.delete_unconfirmed_sign_ups() == 0
    with time_machine.travel(start + WEEK + timedelta(minutes=1), tick=False):
        assert tasks.delete_unconfirmed_sign_ups() == 1

    assert not User.objects.filter(pk=user.pk).exists()
    assert not CandidateProfile.objects.filter(user_id=user.pk).exists()
    assert not EmployerProfile.objects.filter(user_id=user.pk).exists()
    assert not MagicLinkToken.objects.filter(user_id=user.pk).exists()
    # The address may sign up again, as new.
    assert ask("nooit@example.nl", user_type=user_type).pk != user.pk


def test_a_link_asked_again_within_the_week_keeps_the_account(ask):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        user = ask("later@example.nl", user_type="candidate")
    with time_machine.travel(start + timedelta(days=6), tick=False):
        assert ask("later@example.nl") == user

    with time_machine.travel(start + WEEK + timedelta(days=1), tick=False):
        assert tasks.delete_unconfirmed_sign_ups() == 0

    assert User.objects.filter(pk=user.pk).exists()


def _kept_accounts() -> None:
    """Week-old accounts that are not a forgotten sign-up, each for its own reason."""
    signed_in = user_create(email="signed-in@example.nl", user_type="candidate")
    signed_in.last_login = timezone.now()
    signed_in.save()
    verified = user_create(email="verified@example.nl", user_type="candidate")
    verified.email_verified = True
    verified.save()
    staff = user_create(email="staff@example.nl", user_type="employer")
    staff.is_staff = True
    staff.save()
    named = user_create(email="named@example.nl", user_type="candidate")
    CandidateProfile.objects.filter(user=named).update(first_name="Anna")
    company = user_create(email="company@example.nl", user_type="employer")
    EmployerProfile.objects.filter(user=company).update(company_name="Bakkerij Jansen")
    with_job = user_create(email="job@example.nl", user_type="employer")
    JobFactory(employer=with_job.employer_profile, status="draft")
    applied = user_create(email="applied@example.nl", user_type="candidate")
    ApplicationFactory(candidate=applied.candidate_profile)
    User.objects.create_user("mod@example.nl", user_type="admin")
    blocked = user_create(email="blocked@example.nl", user_type="candidate")
    blocked.is_active = False  # an admin's block: deleting it would mail the address again
    blocked.save()


def test_accounts_someone_confirmed_used_or_filled_in_stay():
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _kept_accounts()
        forgotten = user_create(email="forgotten@example.nl", user_type="employer")
    kept = set(User.objects.exclude(pk=forgotten.pk))

    with time_machine.travel(start + WEEK * 4, tick=False):
        assert tasks.delete_unconfirmed_sign_ups() == 1

    assert set(User.objects.all()) == kept


def test_a_link_asked_after_the_list_was_read_keeps_the_account(ask):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        user = ask("tussendoor@example.nl", user_type="employer")

    with time_machine.travel(start + WEEK * 2, tick=False):
        listed = list(unconfirmed_sign_ups().values_list("pk", flat=True))
        assert ask("tussendoor@example.nl") == user  # while the task goes down its list
        assert unconfirmed_sign_up_delete(user_id=user.pk) is False

    assert listed == [user.pk]
    assert MagicLinkToken.objects.filter(user=user, used_at__isnull=True).count() == 2
