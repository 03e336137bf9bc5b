import json
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from apps.users import tasks
from apps.users.models import PhoneVerification, User
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = "/api/v1/users/me/phone/"
VERIFY = "/api/v1/users/me/phone/verify/"
INVALID_CODE = [
    {
        "code": "invalid_code",
        "detail": "This code is wrong or has expired. Ask for a new one.",
        "attr": "code",
    }
]


@pytest.fixture
def texts(settings):
    def read() -> list[dict]:
        path = Path(settings.SMS_FILE_PATH)
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []

    return read


@pytest.fixture
def start(client_for, django_capture_on_commit_callbacks):
    def post(user, number="06 12 34 56 78", **headers):
        with django_capture_on_commit_callbacks(execute=True):
            return client_for(user).post(START, {"phone_number": number}, format="json", **headers)

    return post


def sent_code(texts) -> str:
    body = texts()[-1]["body"]
    return next(
        word for word in body.replace(".", " ").split() if word.isdigit() and len(word) == 6
    )


def test_a_code_is_texted_to_the_normalised_number_and_stored_hashed(start, texts):
    user = UserFactory()

    response = start(user)

    assert response.status_code == 202
    assert response.json() == {"detail": "A code is on its way by SMS."}
    [sms] = texts()
    assert sms["to"] == "+31612345678"
    code = sent_code(texts)
    verification = PhoneVerification.objects.get(user=user)
    assert verification.phone_number == "+31612345678"
    assert code not in verification.code_hash
    assert len(verification.code_hash) == 64
    assert verification.expires_at - verification.created_at == timedelta(minutes=10)
    user.refresh_from_db()
    assert (user.phone_number, user.phone_verified) == ("", False)


def test_the_sms_is_dutch_for_dutch_browsers(start, texts):
    start(UserFactory(), HTTP_ACCEPT_LANGUAGE="nl")

    assert texts()[-1]["body"].startswith("Je Safe Job-code is ")


def test_the_right_code_verifies_the_number(start, texts, client_for):
    user = UserFactory()
    start(user)

    response = client_for(user).post(VERIFY, {"code": sent_code(texts)}, format="json")

    assert response.status_code == 200
    assert response.json()["phone_number"] == "+31612345678"
    assert response.json()["phone_verified"] is True
    user.refresh_from_db()
    assert (user.phone_number, user.phone_verified) == ("+31612345678", True)
    assert PhoneVerification.objects.get().verified_at is not None


def test_a_code_works_once(start, texts, client_for):
    user = UserFactory()
    start(user)
    code = sent_code(texts)
    client_for(user).post(VERIFY, {"code": code}, format="json")

    response = client_for(user).post(VERIFY, {"code": code}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == INVALID_CODE


def test_a_wrong_code_is_refused_and_counted(start, texts, client_for):
    user = UserFactory()
    start(user)
    code = sent_code(texts)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"

    response = client_for(user).post(VERIFY, {"code": wrong}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == INVALID_CODE
    assert PhoneVerification.objects.get().attempts == 1
    user.refresh_from_db()
    assert user.phone_verified is False


def test_five_wrong_codes_end_the_code(start, texts, client_for):
    user = UserFactory()
    start(user)
    code = sent_code(texts)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        client_for(user).post(VERIFY, {"code": wrong}, format="json")

    response = client_for(user).post(VERIFY, {"code": code}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == INVALID_CODE
    user.refresh_from_db()
    assert user.phone_verified is False
    assert PhoneVerification.objects.get().attempts == 5


def test_an_expired_code_is_refused(start, texts, client_for):
    user = UserFactory()
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        start(user)
    with time_machine.travel(now + timedelta(minutes=10, seconds=1), tick=False):
        response = client_for(user).post(VERIFY, {"code": sent_code(texts)}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == INVALID_CODE
    assert User.objects.get(pk=user.pk).phone_verified is False


def test_a_new_code_ends_the_old_one(start, texts, client_for):
    user = UserFactory()
    start(user)
    old = sent_code(texts)
    start(user, number="+31 6 87654321")
    new = sent_code(texts)

    old_response = (
        client_for(user).post(VERIFY, {"code": old}, format="json") if old != new else None
    )
    new_response = client_for(user).post(VERIFY, {"code": new}, format="json")

    if old_response is not None:
        assert old_response.status_code == 400
    assert new_response.status_code == 200
    assert new_response.json()["phone_number"] == "+31687654321"


def test_another_users_code_does_not_verify_mine(start, texts, client_for):
    me, other = UserFactory(), UserFactory()
    start(other)

    response = client_for(me).post(VERIFY, {"code": sent_code(texts)}, format="json")

    assert response.status_code == 400
    assert User.objects.get(pk=other.pk).phone_verified is False


@pytest.mark.parametrize("code", ["12345", "1234567", "abcdef", " ", "12 345"])
def test_malformed_codes_are_refused_and_not_counted(start, texts, client_for, code):
    user = UserFactory()
    start(user)

    response = client_for(user).post(VERIFY, {"code": code}, format="json")

    assert response.status_code == 400
    assert PhoneVerification.objects.get().attempts == 0


@pytest.mark.parametrize("number", ["12345", "not a phone", "+31 6 1234", ""])
def test_invalid_numbers_are_refused(start, texts, number):
    user = UserFactory()

    response = start(user, number=number)

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "phone_number"
    assert not PhoneVerification.objects.exists()
    assert texts() == []


@pytest.mark.parametrize(
    "number",
    [
        "020 123 4567",  # a landline
        "0900 123456",  # premium rate: texts to it bill the platform
        "0800 123456",  # toll free
        "085 208 0000",  # VoIP
        "088 123 4567",  # a company's number
    ],
)
def test_numbers_that_take_no_text_are_refused(start, texts, number):
    user = UserFactory()

    response = start(user, number=number)

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "code": "invalid_phone_number",
            "detail": "Enter a mobile number: the code comes by text message.",
            "attr": "phone_number",
        }
    ]
    assert not PhoneVerification.objects.exists()
    assert texts() == []


@pytest.mark.parametrize(
    ("number", "stored"),
    [
        ("+48 512 345 678", "+48512345678"),  # Polish mobile
        ("+40 721 234 567", "+40721234567"),  # Romanian mobile
        ("+380 50 123 4567", "+380501234567"),  # Ukrainian mobile
        ("+44 7400 123456", "+447400123456"),  # British mobile
        ("+599 701 2345", "+5997012345"),  # Bonaire: the Netherlands, numbered apart
        ("+262 692 12 34 56", "+262692123456"),  # Réunion: France, numbered apart
    ],
)
def test_mobile_numbers_of_the_countries_workers_come_from_get_a_code(start, texts, number, stored):
    user = UserFactory()

    response = start(user, number=number)

    assert response.status_code == 202
    assert PhoneVerification.objects.get().phone_number == stored
    assert [text["to"] for text in texts()] == [stored]


@pytest.mark.parametrize(
    "number",
    [
        "+234 803 123 4567",  # a Nigerian mobile
        "+1 201 555 0123",  # American, fixed line or mobile
        "+44 7781 123456",  # Guernsey's, in the British plan but not the United Kingdom's
    ],
)
def test_mobile_numbers_of_other_countries_are_refused(start, texts, number):
    user = UserFactory()

    response = start(user, number=number)

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["code"], error["attr"]) == ("phone_country_not_supported", "phone_number")
    assert error["detail"].startswith(
        "Codes are texted to mobile numbers of these countries only: AT, AW, BE, BG, BQ, CH,"
    )
    assert not PhoneVerification.objects.exists()
    assert texts() == []
    assert User.objects.get(pk=user.pk).phone_number == ""


def test_every_country_may_be_allowed(start, texts, settings):
    settings.SMS_COUNTRIES = frozenset({"*"})

    response = start(UserFactory(), number="+234 803 123 4567")

    assert response.status_code == 202
    assert [text["to"] for text in texts()] == ["+2348031234567"]


@pytest.mark.usefixtures("throttle_window")
def test_codes_are_throttled_per_user(start):
    user = UserFactory()
    statuses = [start(user, number=f"+3161234567{i}").status_code for i in range(6)]

    assert statuses == [202] * 5 + [429]


@pytest.mark.usefixtures("throttle_window")
def test_codes_are_throttled_per_address_across_accounts(start, texts, monkeypatch):
    from apps.core.throttling import SlidingWindowThrottle

    rates = {**SlidingWindowThrottle.THROTTLE_RATES, "phone_ip": "3/hour"}
    monkeypatch.setattr(SlidingWindowThrottle, "THROTTLE_RATES", rates)
    numbers = [f"+3161234567{i}" for i in range(4)]

    statuses = [
        start(UserFactory(), number=n, REMOTE_ADDR="203.0.113.5").status_code for n in numbers
    ]
    elsewhere = start(UserFactory(), number="+31612345679", REMOTE_ADDR="203.0.113.6")

    assert statuses == [202, 202, 202, 429]
    assert elsewhere.status_code == 202
    assert [text["to"] for text in texts()] == [*numbers[:3], "+31612345679"]


@pytest.mark.usefixtures("throttle_window")
def test_codes_are_throttled_per_number_across_users(start, texts):
    statuses = [start(UserFactory()).status_code for _ in range(4)]

    assert statuses == [202, 202, 202, 429]
    assert len(texts()) == 3


@pytest.mark.usefixtures("throttle_window")
def test_requests_refused_per_user_do_not_use_up_the_numbers_budget(start, texts):
    pushy = UserFactory()
    statuses = [start(pushy, number=f"+3161234567{i}").status_code for i in range(5)]
    refused = [start(pushy).status_code for _ in range(3)]

    others = [start(UserFactory()).status_code for _ in range(4)]

    assert statuses == [202] * 5
    assert refused == [429] * 3
    assert others == [202, 202, 202, 429]
    assert [text["to"] for text in texts()].count("+31612345678") == 3


def test_the_code_is_made_by_the_worker_and_none_works_before(
    client_for, django_capture_on_commit_callbacks, texts
):
    user = UserFactory()

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client_for(user).post(START, {"phone_number": "0612345678"}, format="json")
    verification = PhoneVerification.objects.get(user=user)
    too_soon = client_for(user).post(VERIFY, {"code": "000000"}, format="json")
    assert (response.status_code, verification.code_hash, texts()) == (202, "", [])
    assert too_soon.json()["errors"] == INVALID_CODE
    assert PhoneVerification.objects.get(user=user).attempts == 0  # no code yet, no guess counted

    queued[0]()  # the worker's turn

    verified = client_for(user).post(VERIFY, {"code": sent_code(texts)}, format="json")
    assert verified.status_code == 200


def test_a_verification_ended_before_the_worker_came_gets_no_text(texts):
    user = UserFactory()
    ended = PhoneVerification.objects.create(
        user=user, phone_number="+31612345678", code_hash="", expires_at=timezone.now()
    )

    tasks.send_phone_code(verification_id=str(ended.pk), language="en")

    assert texts() == []
    assert PhoneVerification.objects.get(pk=ended.pk).code_hash == ""


def test_a_code_whose_text_failed_is_taken_back_before_the_retry(settings, tmp_path):
    settings.SMS_FILE_PATH = str(tmp_path)  # a folder: the file backend cannot append to it
    user = UserFactory()
    verification = PhoneVerification.objects.create(
        user=user,
        phone_number="+31612345678",
        code_hash="",
        expires_at=timezone.now() + timedelta(minutes=10),
    )

    with pytest.raises(IsADirectoryError):
        tasks.send_phone_code(verification_id=str(verification.pk), language="en")

    assert PhoneVerification.objects.get(pk=verification.pk).code_hash == ""


def test_a_code_queued_by_the_previous_release_is_still_texted(texts):
    tasks.send_phone_code_sms(to="+31612345678", code="123456", language="en")

    assert texts()[0]["to"] == "+31612345678"
    assert "123456" in texts()[0]["body"]


def test_a_task_delivered_again_texts_a_fresh_code_and_the_earlier_one_stops(
    start, texts, client_for
):
    user = UserFactory()
    start(user)
    first = sent_code(texts)
    verification = PhoneVerification.objects.get(user=user)

    # The worker died after the first text; the broker hands the task out again.
    tasks.send_phone_code(verification_id=str(verification.pk), language="en")
    second = sent_code(texts)

    assert len(texts()) == 2
    stale = client_for(user).post(VERIFY, {"code": first}, format="json")
    fresh = client_for(user).post(VERIFY, {"code": second}, format="json")
    assert (stale.status_code, fresh.status_code) == (400, 200) or first == second
