import importlib
from datetime import timedelta
from typing import cast

import pytest
import time_machine
from django.apps import apps as django_apps
from django.utils import timezone
from rest_framework.exceptions import ValidationError
from rest_framework_simplejwt.tokens import AccessToken

from apps.employers.models import EmployerProfile
from apps.employers.tests.factories import ApprovedEmployerFactory
from apps.jobs.tests.factories import JobFactory
from apps.users import services
from apps.users.models import MagicLinkToken, User
from apps.users.tests.factories import ModeratorFactory, UserFactory
from apps.users.tokens import hash_magic_token

URL = "/api/v1/auth/magic-link/verify/"
INVALID = {
    "type": "validation_error",
    "errors": [
        {
            "code": "invalid_token",
            "detail": "This sign-in link is invalid or has expired. Ask for a new one.",
            "attr": "token",
        }
    ],
}


def issue(user: User) -> str:
    token, _ = services._magic_link_token_create(user=user, ip="127.0.0.1", user_agent="pytest")
    return token


@pytest.fixture
def link_for(api_client, django_capture_on_commit_callbacks, sent_magic_token):
    """Asks for a sign-in link as anybody may, and gives the token of the email sent."""

    def ask(email: str, user_type: str) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            api_client.post(
                "/api/v1/auth/magic-link/", {"email": email, "user_type": user_type}, format="json"
            )
        return str(sent_magic_token())

    return ask


@pytest.mark.django_db
def test_a_fresh_token_signs_in_once_and_verifies_the_email(api_client):
    user = UserFactory(email="sanne@example.nl")
    token = issue(user)

    response = api_client.post(URL, {"token": token}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access", "refresh", "user"}
    assert body["user"]["id"] == str(user.pk)
    assert body["user"]["email"] == "sanne@example.nl"
    assert body["user"]["email_verified"] is True
    access = AccessToken(body["access"])
    assert (access["user_id"], access["user_type"]) == (str(user.pk), "candidate")
    user.refresh_from_db()
    assert user.email_verified is True
    assert user.last_login is not None
    assert MagicLinkToken.objects.get().used_at is not None
    assert response["Referrer-Policy"] == "no-referrer"


@pytest.mark.django_db
def test_a_used_token_is_invalid(api_client):
    token = issue(UserFactory())
    api_client.post(URL, {"token": token}, format="json")

    response = api_client.post(URL, {"token": token}, format="json")

    assert response.status_code == 400
    assert response.json() == INVALID


@pytest.mark.django_db
def test_a_token_expires_after_ten_minutes(api_client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token = issue(UserFactory())
    with time_machine.travel(start + timedelta(minutes=10, seconds=1), tick=False):
        response = api_client.post(URL, {"token": token}, format="json")

    assert response.status_code == 400
    assert response.json() == INVALID
    assert MagicLinkToken.objects.get().used_at is None


@pytest.mark.django_db
def test_a_token_still_works_just_before_it_expires(api_client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token = issue(UserFactory())
    with time_machine.travel(start + timedelta(minutes=9, seconds=59), tick=False):
        response = api_client.post(URL, {"token": token}, format="json")

    assert response.status_code == 200


@pytest.mark.django_db
def test_an_older_link_still_works_after_a_newer_one_was_sent(api_client):
    user = UserFactory()
    first = issue(user)
    issue(user)

    assert api_client.post(URL, {"token": first}, format="json").status_code == 200


@pytest.mark.django_db
def test_a_tampered_token_is_invalid(api_client):
    token = issue(UserFactory())
    tampered = ("A" if token[0] != "A" else "B") + token[1:]

    response = api_client.post(URL, {"token": tampered}, format="json")

    assert response.status_code == 400
    assert response.json() == INVALID
    assert MagicLinkToken.objects.get().used_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token",
    [
        "short",
        "x" * 42,
        "x" * 44,
        "a" * 42 + "=",
        "a" * 42 + "!",
        "ä" * 43,
        "a" * 513,
        "   ",
        "",
        "a" * 42 + "\x00",
    ],
)
def test_malformed_tokens_are_invalid_without_a_query(api_client, token, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = api_client.post(URL, {"token": token}, format="json")

    assert response.status_code == 400
    assert response.json() == INVALID


@pytest.mark.django_db
@pytest.mark.parametrize("body", [{"token": 12345}, {"token": None}, {"token": ["a"]}, {}])
def test_tokens_of_the_wrong_type_are_refused(api_client, body):
    response = api_client.post(URL, body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "token"


@pytest.mark.django_db
def test_an_unknown_token_is_invalid(api_client):
    response = api_client.post(URL, {"token": "a" * 43}, format="json")

    assert response.status_code == 400
    assert response.json() == INVALID


@pytest.mark.django_db
def test_an_inactive_user_cannot_sign_in(api_client):
    user = UserFactory()
    token = issue(user)
    User.objects.filter(pk=user.pk).update(is_active=False)

    response = api_client.post(URL, {"token": token}, format="json")

    assert response.status_code == 400
    assert response.json() == INVALID
    user.refresh_from_db()
    assert user.email_verified is False


@pytest.mark.django_db
def test_a_link_sent_before_the_address_changed_is_invalid(api_client):
    user = UserFactory(email="old@example.nl")
    token = issue(user)
    User.objects.filter(pk=user.pk).update(email="new@example.nl")  # in the admin, say

    response = api_client.post(URL, {"token": token}, format="json")

    assert response.status_code == 400
    assert response.json() == INVALID
    user.refresh_from_db()
    assert (user.email_verified, user.last_login) == (False, None)


@pytest.mark.django_db
def test_links_sent_before_links_kept_their_address_get_their_accounts(api_client):
    user = UserFactory(email="sanne@example.nl")
    token = issue(user)
    MagicLinkToken.objects.update(email="")

    importlib.import_module("apps.users.migrations.0007_magic_link_email").forwards(
        django_apps, None
    )

    assert MagicLinkToken.objects.get().email == "sanne@example.nl"
    assert api_client.post(URL, {"token": token}, format="json").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_verifies_of_one_token_give_exactly_one_success(race):
    token = issue(UserFactory())

    outcomes = race(*[lambda: services.magic_link_verify(token=token)] * 2)

    assert sorted(type(o).__name__ for o in outcomes) == ["User", "ValidationError"]
    error = next(o for o in outcomes if isinstance(o, ValidationError))
    assert cast(dict, error.get_codes())["token"] == ["invalid_token"]
    assert MagicLinkToken.objects.get(token_hash=hash_magic_token(token)).used_at is not None


@pytest.mark.django_db
def test_a_stranger_cannot_decide_the_type_of_someone_elses_new_account(api_client, link_for):
    link_for("sanne@example.nl", "employer")
    token = link_for("sanne@example.nl", "candidate")

    response = api_client.post(URL, {"token": token}, format="json")

    assert response.status_code == 200
    assert response.json()["user"]["user_type"] == "candidate"
    user = User.objects.get(email="sanne@example.nl")
    assert hasattr(user, "candidate_profile")
    assert not hasattr(User.objects.get(pk=user.pk), "employer_profile")
    assert AccessToken(response.json()["access"])["user_type"] == "candidate"


@pytest.mark.django_db
def test_a_signed_in_account_keeps_its_type(api_client, link_for):
    user = UserFactory(email="piet@example.nl", user_type="employer", email_verified=True)
    token = link_for("piet@example.nl", "candidate")

    response = api_client.post(URL, {"token": token}, format="json")

    assert response.json()["user"]["user_type"] == "employer"
    user.refresh_from_db()
    assert user.user_type == "employer"


@pytest.mark.django_db
def test_a_moderator_who_never_signed_in_keeps_the_role(api_client, link_for):
    moderator = ModeratorFactory(email="mod@example.nl", email_verified=False)
    token = link_for("mod@example.nl", "candidate")

    response = api_client.post(URL, {"token": token}, format="json")

    assert response.status_code == 200
    assert response.json()["user"]["user_type"] == "admin"
    moderator.refresh_from_db()
    assert (moderator.user_type, moderator.email_verified) == ("admin", True)
    assert not hasattr(moderator, "candidate_profile")


@pytest.mark.django_db
@pytest.mark.parametrize("with_job", [False, True], ids=["profile", "profile-and-job"])
def test_an_account_that_signed_in_before_keeps_its_type_when_unverified_again(
    api_client, link_for, with_job
):
    employer = ApprovedEmployerFactory(user__email="piet@example.nl")
    if with_job:
        JobFactory(employer=employer)
    # Signed in once; later a moderator unticked "email verified" (the address changed, say).
    User.objects.filter(pk=employer.user_id).update(
        email_verified=False, last_login=timezone.now() - timedelta(days=30)
    )
    token = link_for("piet@example.nl", "candidate")  # a stranger asks for the other type

    response = api_client.post(URL, {"token": token}, format="json")

    assert response.status_code == 200
    assert response.json()["user"]["user_type"] == "employer"
    user = User.objects.get(pk=employer.user_id)
    assert (user.user_type, user.email_verified) == ("employer", True)
    assert EmployerProfile.objects.get(pk=employer.pk).verification_status == "approved"
    assert not hasattr(user, "candidate_profile")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("chosen", "header", "kept"),
    [
        ("", "nl-NL,nl;q=0.9,en;q=0.8", "nl"),  # none chosen: the browser's
        ("", "en-GB,en;q=0.9", "en"),
        ("", "pl-PL,pl;q=0.9,en;q=0.5", "en"),  # the first the platform writes
        ("", "pl-PL,pl;q=0.9", ""),  # neither: none chosen (English, as every email then)
        ("", "*", ""),
        ("", "de, nl;q=0", ""),  # q=0: not acceptable
        ("", "", ""),  # no browser said anything: still none
        ("en", "nl-NL,nl;q=0.9", "en"),  # a choice stays
    ],
)
def test_an_account_without_a_language_takes_the_browsers_at_sign_in(
    api_client, chosen, header, kept
):
    user = UserFactory(email="sanne@example.nl", preferred_language=chosen)
    headers = {"HTTP_ACCEPT_LANGUAGE": header} if header else {}

    response = api_client.post(URL, {"token": issue(user)}, format="json", **headers)

    assert response.status_code == 200
    assert response.json()["user"]["preferred_language"] == kept
    user.refresh_from_db()
    assert user.preferred_language == kept


@pytest.mark.django_db
def test_a_refused_token_sets_no_language(api_client):
    user = UserFactory(email="sanne@example.nl")
    token = issue(user)
    MagicLinkToken.objects.update(used_at=timezone.now())

    response = api_client.post(URL, {"token": token}, format="json", HTTP_ACCEPT_LANGUAGE="nl")

    assert response.status_code == 400
    user.refresh_from_db()
    assert user.preferred_language == ""


@pytest.mark.django_db
def test_the_language_cookie_comes_first_as_for_the_emails(api_client):
    user = UserFactory(email="sanne@example.nl")
    api_client.cookies["django_language"] = "nl"

    response = api_client.post(
        URL, {"token": issue(user)}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.json()["user"]["preferred_language"] == "nl"


@pytest.mark.django_db
def test_a_language_emptied_later_stays_empty_at_the_next_sign_in(api_client):
    user = UserFactory(email="sanne@example.nl", preferred_language="")
    user.last_login, user.email_verified = timezone.now(), True
    user.save()

    response = api_client.post(
        URL, {"token": issue(user)}, format="json", HTTP_ACCEPT_LANGUAGE="nl"
    )

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.preferred_language == ""
