import json

import pytest
from django.core import mail
from django.utils import timezone

from apps.core import validators
from apps.users import services
from apps.users.models import MagicLinkToken, User
from apps.users.tests.factories import UserFactory
from apps.users.tokens import hash_magic_token

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/magic-link/"
SENT = {"detail": "If this address can receive email, a message with a sign-in link is on its way."}


@pytest.fixture
def ask(api_client, django_capture_on_commit_callbacks):
    def post(body, **headers):
        with django_capture_on_commit_callbacks(execute=True):
            return api_client.post(URL, body, format="json", **headers)

    return post


def test_known_email_gets_a_link_and_only_the_hash_is_stored(ask, sent_magic_token):
    user = UserFactory(email="sanne@example.nl")

    response = ask({"email": "Sanne@Example.nl"})

    assert response.status_code == 202
    assert response.json() == SENT
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sanne@example.nl"]
    token = sent_magic_token()
    stored = MagicLinkToken.objects.get(user=user)
    assert stored.token_hash == hash_magic_token(token)
    assert token not in stored.token_hash
    assert not MagicLinkToken.objects.filter(token_hash=token).exists()
    assert stored.used_at is None
    assert stored.expires_at - stored.created_at == timezone.timedelta(minutes=10)
    assert stored.requested_ip == "127.0.0.1"


def test_email_has_text_and_html_parts_with_the_frontend_link(ask, settings, sent_magic_token):
    settings.FRONTEND_URL = "https://app.safejob.example"
    UserFactory(email="sanne@example.nl")

    ask({"email": "sanne@example.nl"})

    message = mail.outbox[0]
    token = sent_magic_token()
    link = f"https://app.safejob.example/auth/verify?token={token}"
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert message.subject == "Your sign-in link for Safe Job"


def test_email_is_dutch_when_the_browser_asks_for_dutch(ask):
    UserFactory(email="sanne@example.nl")

    ask({"email": "sanne@example.nl"}, HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9,en;q=0.5")

    assert mail.outbox[0].subject == "Je inloglink voor Safe Job"
    assert "Open deze link" in mail.outbox[0].body


def test_the_accounts_own_language_wins_over_the_browser(ask):
    UserFactory(email="sanne@example.nl", preferred_language="nl")

    ask({"email": "sanne@example.nl"}, HTTP_ACCEPT_LANGUAGE="en")

    assert mail.outbox[0].subject == "Je inloglink voor Safe Job"


def test_unknown_email_without_user_type_gets_a_no_account_email_and_no_account(ask):
    response = ask({"email": "nobody@example.nl"})

    assert response.status_code == 202
    assert response.json() == SENT
    assert not User.objects.exists()
    assert not MagicLinkToken.objects.exists()
    assert mail.outbox[0].to == ["nobody@example.nl"]
    assert mail.outbox[0].subject == "Signing in to Safe Job"
    assert "/signup" in mail.outbox[0].body
    assert "token=" not in mail.outbox[0].body


@pytest.mark.parametrize("user_type", ["candidate", "employer"])
def test_unknown_email_with_user_type_makes_the_account(ask, user_type, sent_magic_token):
    response = ask({"email": "New.Person@Example.nl", "user_type": user_type})

    assert response.status_code == 202
    assert response.json() == SENT
    user = User.objects.get()
    assert (user.email, user.user_type, user.email_verified) == (
        "new.person@example.nl",
        user_type,
        False,
    )
    assert MagicLinkToken.objects.get().token_hash == hash_magic_token(sent_magic_token())


def test_user_type_of_an_existing_account_changes_nothing(ask):
    user = UserFactory(email="sanne@example.nl", user_type="candidate")

    ask({"email": "sanne@example.nl", "user_type": "employer"})

    user.refresh_from_db()
    assert user.user_type == "candidate"
    assert User.objects.count() == 1


@pytest.mark.parametrize("user_type", ["admin", "moderator", "superuser", ""])
def test_no_admin_or_unknown_type_through_the_api(ask, user_type):
    response = ask({"email": "x@example.nl", "user_type": user_type})

    assert response.status_code == 400
    assert response.json()["type"] == "validation_error"
    assert response.json()["errors"][0]["attr"] == "user_type"
    assert not User.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "email",
    [
        "not-an-email",
        "a@",
        "@example.nl",
        "a b@example.nl",
        "",
        "x" * 250 + "@example.nl",
        # One inbox written another way: each spelling would be an account and a throttle.
        '"sanne"@example.nl',
        '"\\sanne"@example.nl',
        "sanne@[127.0.0.1]",
    ],
)
def test_malformed_email_is_a_validation_error(ask, email):
    response = ask({"email": email})

    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "validation_error"
    assert body["errors"][0]["attr"] == "email"
    assert mail.outbox == []


@pytest.fixture
def idna_given(monkeypatch) -> list[str]:
    """The domains given to IDNA (Django's punycode, watched) during the test."""
    given: list[str] = []
    real_punycode = validators.punycode

    def punycode(domain: str) -> str:
        given.append(domain)
        return real_punycode(domain)

    monkeypatch.setattr(validators, "punycode", punycode)
    return given


@pytest.mark.parametrize(
    "email",
    ["a@" + "\u00e9" * 1_000_000, "a@" + "\u00e9." * 500_000 + "nl"],
    ids=["label", "labels"],
)
def test_a_two_megabyte_address_is_refused_before_idna_s_work(api_client, idna_given, email):
    """IDNA's work grows with the domain: such a body took seconds of CPU, anonymously."""
    body = json.dumps({"email": email}, ensure_ascii=False).encode()

    response = api_client.generic("POST", URL, body, content_type="application/json")

    assert response.status_code == 400
    assert {error["attr"] for error in response.json()["errors"]} == {"email"}
    assert all(len(domain) <= validators.MAX_DOMAIN_LENGTH for domain in idna_given)
    assert not User.objects.exists()


def test_a_domain_as_long_as_dns_allows_is_still_encoded(idna_given):
    longest = ".".join(["\u00e9" + "a" * 49] * 5)[: validators.MAX_DOMAIN_LENGTH]

    assert validators.ascii_domain(longest) is not None
    assert validators.ascii_domain(longest + "x") is None
    assert idna_given == [longest]


def test_missing_email_is_required(ask):
    response = ask({})

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"code": "required", "detail": "This field is required.", "attr": "email"}
    ]


def test_unknown_fields_are_refused(ask):
    response = ask({"email": "x@example.nl", "is_staff": True})

    assert response.status_code == 400
    assert response.json()["errors"][0] == {
        "code": "unknown_field",
        "detail": "This field is not allowed.",
        "attr": "is_staff",
    }
    assert not User.objects.exists()


def test_form_encoded_body_is_an_unsupported_media_type(api_client):
    response = api_client.post(
        URL, "email=x%40example.nl", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 415
    assert response.json()["errors"][0]["code"] == "unsupported_media_type"


def test_at_most_five_live_links_and_older_ones_stay_valid():
    user = UserFactory(email="sanne@example.nl")
    for _ in range(7):
        services.sign_in_link_send(
            email="sanne@example.nl", user_type=None, ip=None, user_agent="", language="en"
        )

    now = timezone.now()
    live = MagicLinkToken.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now)
    assert MagicLinkToken.objects.filter(user=user).count() == 7
    assert live.count() == 5
    newest_five = list(MagicLinkToken.objects.filter(user=user).order_by("-created_at")[:5])
    assert set(live) == set(newest_five)


def test_inactive_account_gets_the_same_answer_and_no_email(ask):
    UserFactory(email="gone@example.nl", is_active=False)

    response = ask({"email": "gone@example.nl"})

    assert response.status_code == 202
    assert response.json() == SENT
    assert mail.outbox == []
    assert not MagicLinkToken.objects.exists()


def test_responses_send_no_referrer(ask):
    response = ask({"email": "x@example.nl"})

    assert response["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize(
    ("user_type", "profile"), [("candidate", "candidate_profile"), ("employer", "employer_profile")]
)
def test_signing_up_makes_the_empty_profile(ask, user_type, profile):
    ask({"email": "new@example.nl", "user_type": user_type})

    user = User.objects.get()
    assert getattr(user, profile).pk is not None


@pytest.mark.parametrize(
    "body",
    [
        {"email": "sanne@example.nl"},
        {"email": "nobody@example.nl"},
        {"email": "new@example.nl", "user_type": "employer"},
        {"email": "gone@example.nl"},
    ],
    ids=["known", "unknown", "sign-up", "inactive"],
)
def test_the_request_only_queues_so_its_timing_tells_nothing(
    api_client, django_capture_on_commit_callbacks, django_assert_num_queries, body
):
    UserFactory(email="sanne@example.nl")
    UserFactory(email="gone@example.nl", is_active=False)

    with (
        django_capture_on_commit_callbacks(execute=False) as queued,
        django_assert_num_queries(0),
    ):
        response = api_client.post(URL, body, format="json")

    assert response.status_code == 202
    assert response.json() == SENT
    assert len(queued) == 1
    assert User.objects.count() == 2
    assert not MagicLinkToken.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("forwarded", "recorded"), [("garbage", "127.0.0.1"), ("203.0.113.7", "203.0.113.7")]
)
def test_a_forwarded_address_is_recorded_only_when_it_is_one(ask, settings, forwarded, recorded):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    user = UserFactory(email="sanne@example.nl")

    response = ask({"email": "sanne@example.nl"}, HTTP_X_FORWARDED_FOR=forwarded)

    assert response.status_code == 202
    assert MagicLinkToken.objects.get(user=user).requested_ip == recorded
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "spelling",
    [
        "sanne@exam\u00adple.nl",
        "sanne@\uff25\uff38\uff21\uff2d\uff30\uff2c\uff25.nl",
        "Sanne@EXAMPLE.NL ",
    ],
    ids=["soft-hyphen", "full-width", "case"],
)
def test_every_spelling_of_an_inbox_is_the_same_account(ask, spelling, sent_magic_token):
    user = UserFactory(email="sanne@example.nl")

    response = ask({"email": spelling, "user_type": "candidate"})

    assert response.status_code == 202
    assert list(User.objects.values_list("email", flat=True)) == ["sanne@example.nl"]
    assert mail.outbox[0].to == ["sanne@example.nl"]
    assert MagicLinkToken.objects.get(user=user).token_hash == hash_magic_token(sent_magic_token())


def test_a_unicode_domain_is_kept_in_its_ascii_form(ask):
    ask({"email": "jan@bücher.de", "user_type": "candidate"})
    ask({"email": "jan@xn--bcher-kva.de", "user_type": "candidate"})

    assert list(User.objects.values_list("email", flat=True)) == ["jan@xn--bcher-kva.de"]
