"""unverified → pending → approved | rejected, approved → suspended: every move allowed and refused."""

import threading
import time

import pytest
from django.core import mail
from django.db import connection, transaction

from apps.employers.models import EmployerProfile
from apps.employers.tests.factories import EmployerProfileFactory
from apps.safety.models import AuditEvent
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REQUEST = "/api/v1/employers/me/verification/"


def moderation(employer, action):
    return f"/api/v1/moderation/employers/{employer.pk}/{action}/"


def test_requesting_verification_moves_to_pending_and_is_audited(client_for):
    employer = EmployerProfileFactory()

    response = client_for(employer.user).post(REQUEST)

    assert response.status_code == 202
    assert response.json()["verification_status"] == "pending"
    employer.refresh_from_db()
    assert employer.verification_status == "pending"
    assert employer.verification_requested_at is not None
    event = AuditEvent.objects.get(action="employer.verification_requested")
    assert (event.actor, event.target_type, event.target_id) == (
        employer.user,
        "employer",
        str(employer.pk),
    )
    assert (event.before, event.after) == (
        {"verification_status": "unverified"},
        {"verification_status": "pending"},
    )


def test_an_incomplete_profile_names_what_is_missing(client_for):
    EmployerProfileFactory(kvk_number="")  # another new employer, without a KvK number too
    user = UserFactory(user_type="employer")
    client = client_for(user)
    client.patch("/api/v1/employers/me/", {"company_name": "Half Af B.V."}, format="json")

    response = client.post(REQUEST)

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {e["code"] for e in errors} == {"profile_incomplete"}
    assert {e["attr"] for e in errors} == {"kvk_number", "address", "postal_code", "city"}
    assert EmployerProfile.objects.get(user=user).verification_status == "unverified"
    assert not AuditEvent.objects.filter(action="employer.verification_requested").exists()


@pytest.mark.parametrize(
    ("status", "code"),
    [
        ("pending", "verification_already_requested"),
        ("approved", "verification_already_requested"),
        ("suspended", "invalid_transition"),
    ],
)
def test_requesting_again_is_a_conflict(client_for, status, code):
    employer = EmployerProfileFactory(verification_status=status)

    response = client_for(employer.user).post(REQUEST)

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == code
    employer.refresh_from_db()
    assert employer.verification_status == status
    assert not AuditEvent.objects.exists()


def test_a_rejected_employer_may_ask_again(client_for):
    employer = EmployerProfileFactory(
        verification_status="rejected", rejection_reason="KvK extract missing"
    )

    response = client_for(employer.user).post(REQUEST)

    assert response.status_code == 202
    employer.refresh_from_db()
    assert (employer.verification_status, employer.rejection_reason) == ("pending", "")


# (action, from status, body, expected status code, resulting status, audit action)
MODERATION_MOVES = [
    ("approve", "pending", {}, 200, "approved", "employer.approved"),
    (
        "reject",
        "pending",
        {"reason": "KvK number belongs to another company."},
        200,
        "rejected",
        "employer.rejected",
    ),
    (
        "reject",
        "unverified",
        {"reason": "The KvK number belongs to Bakkerij Jansen, who asked us to free it."},
        200,
        "rejected",
        "employer.rejected",
    ),
    ("reject", "rejected", {"reason": "x"}, 409, "rejected", None),
    ("reject", "suspended", {"reason": "x"}, 409, "suspended", None),
    (
        "suspend",
        "approved",
        {"reason": "Workers report being charged a registration fee."},
        200,
        "suspended",
        "employer.suspended",
    ),
    ("approve", "unverified", {}, 409, "unverified", None),
    ("approve", "approved", {}, 409, "approved", None),
    ("approve", "rejected", {}, 409, "rejected", None),
    ("approve", "suspended", {}, 409, "suspended", None),
    ("reject", "approved", {"reason": "x"}, 409, "approved", None),
    ("suspend", "pending", {"reason": "x"}, 409, "pending", None),
    ("suspend", "unverified", {"reason": "x"}, 409, "unverified", None),
    ("suspend", "suspended", {"reason": "x"}, 409, "suspended", None),
]


@pytest.mark.parametrize(("action", "start", "body", "code", "end", "audit"), MODERATION_MOVES)
def test_moderation_moves(
    actors, client_for, django_capture_on_commit_callbacks, action, start, body, code, end, audit
):
    employer = EmployerProfileFactory(verification_status=start)
    moderator = actors["moderator"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(moderator).post(moderation(employer, action), body, format="json")

    assert response.status_code == code
    employer.refresh_from_db()
    assert employer.verification_status == end
    if code == 200:
        assert response.json()["verification_status"] == end
        event = AuditEvent.objects.get()
        assert (event.action, event.actor, event.target_id) == (audit, moderator, str(employer.pk))
        assert event.before["verification_status"] == start
        assert event.after["verification_status"] == end
        assert event.reason == body.get("reason", "")
        assert [m.to for m in mail.outbox] == [[employer.user.email]]
    else:
        assert response.json()["errors"][0]["code"] == "invalid_transition"
        assert not AuditEvent.objects.exists()
        assert mail.outbox == []


@pytest.mark.parametrize("action", ["reject", "suspend"])
@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}])
def test_rejecting_and_suspending_need_a_reason(actors, client_for, action, body):
    employer = EmployerProfileFactory(
        verification_status="pending" if action == "reject" else "approved"
    )
    before = employer.verification_status

    response = client_for(actors["moderator"]).post(
        moderation(employer, action), body, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "reason"
    employer.refresh_from_db()
    assert employer.verification_status == before
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({"address": ""}, {"address"}),
        ({"postal_code": "", "city": ""}, {"postal_code", "city"}),
        ({"location": None}, {"latitude"}),
    ],
)
def test_a_profile_no_longer_complete_is_not_approved(
    actors, client_for, django_capture_on_commit_callbacks, fields, missing
):
    employer = EmployerProfileFactory(verification_status="pending", **fields)
    before = list(EmployerProfile.objects.filter(pk=employer.pk).values())

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(actors["moderator"]).post(moderation(employer, "approve"))

    assert response.status_code == 400
    assert {(e["attr"], e["code"]) for e in response.json()["errors"]} == {
        (name, "profile_incomplete") for name in missing
    }
    assert list(EmployerProfile.objects.filter(pk=employer.pk).values()) == before
    assert not AuditEvent.objects.exists()
    assert mail.outbox == []


def test_approval_records_who_and_when_and_emails_the_employer(
    actors, client_for, django_capture_on_commit_callbacks
):
    employer = EmployerProfileFactory(verification_status="pending", company_name="Bakkerij & Zn")

    with django_capture_on_commit_callbacks(execute=True):
        client_for(actors["moderator"]).post(moderation(employer, "approve"))

    employer.refresh_from_db()
    assert employer.verified_by == actors["moderator"]
    assert employer.verified_at is not None
    [message] = mail.outbox
    assert message.subject == "Bakkerij & Zn is verified on Safe Job"
    assert "Bakkerij & Zn" in message.body


def test_the_rejection_email_gives_the_reason_in_the_employers_language(
    actors, client_for, django_capture_on_commit_callbacks
):
    employer = EmployerProfileFactory(verification_status="pending")
    employer.user.preferred_language = "nl"
    employer.user.save(update_fields=["preferred_language"])

    with django_capture_on_commit_callbacks(execute=True):
        client_for(actors["moderator"]).post(
            moderation(employer, "reject"), {"reason": "KvK-uittreksel ontbreekt."}, format="json"
        )

    [message] = mail.outbox
    assert message.subject == "Je verificatie op Safe Job is niet goedgekeurd"
    assert "KvK-uittreksel ontbreekt." in message.body


def test_each_decision_gets_its_own_email_even_when_the_next_comes_first(
    actors, client_for, django_capture_on_commit_callbacks
):
    employer = EmployerProfileFactory(verification_status="pending", company_name="Snel B.V.")
    client = client_for(actors["moderator"])

    with django_capture_on_commit_callbacks() as approved:
        client.post(moderation(employer, "approve"))
    with django_capture_on_commit_callbacks() as suspended:
        client.post(moderation(employer, "suspend"), {"reason": "Scam reports."}, format="json")
    for callback in [*approved, *suspended]:  # the emails go out after both decisions
        callback()

    approval, suspension = mail.outbox
    assert approval.subject == "Snel B.V. is verified on Safe Job"
    assert "Scam reports." in suspension.body


def test_a_rejected_employer_whose_kvk_was_taken_meanwhile_gets_a_400(client_for):
    rejected = EmployerProfileFactory(verification_status="rejected", kvk_number="12345678")
    EmployerProfileFactory(kvk_number="12345678")

    response = client_for(rejected.user).post(REQUEST)

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "kvk_in_use"
    rejected.refresh_from_db()
    assert rejected.verification_status == "rejected"


@pytest.mark.django_db(transaction=True)
def test_a_rejected_employer_asking_again_while_another_claims_its_kvk_gets_a_400(client_for):
    rejected = EmployerProfileFactory(verification_status="rejected", kvk_number="12345678")
    other = EmployerProfileFactory(kvk_number="87654321")
    claimed, asked = threading.Event(), threading.Event()

    def claim() -> None:  # commits only once the request waits on the unique index
        try:
            with transaction.atomic():
                EmployerProfile.objects.filter(pk=other.pk).update(kvk_number="12345678")
                claimed.set()
                asked.wait(timeout=10)
                time.sleep(1.5)
        finally:
            connection.close()

    thread = threading.Thread(target=claim)
    thread.start()
    claimed.wait(timeout=10)
    asked.set()
    response = client_for(rejected.user).post(REQUEST)
    thread.join(timeout=10)

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "kvk_in_use"
    rejected.refresh_from_db()
    assert rejected.verification_status == "rejected"
    assert not AuditEvent.objects.filter(action="employer.verification_requested").exists()


def test_rejecting_an_account_that_holds_a_kvk_number_frees_it(actors, client_for):
    squatter = EmployerProfileFactory(kvk_number="55555555")  # never asked for a check
    company = EmployerProfileFactory(kvk_number="")
    claim = {"kvk_number": "55555555"}
    refused = client_for(company.user).patch("/api/v1/employers/me/", claim, format="json")

    client_for(actors["moderator"]).post(
        moderation(squatter, "reject"), {"reason": "Not this account's company."}, format="json"
    )
    response = client_for(company.user).patch("/api/v1/employers/me/", claim, format="json")

    assert refused.json()["errors"][0]["code"] == "kvk_in_use"
    assert response.status_code == 200
    company.refresh_from_db()
    assert company.kvk_number == "55555555"
    squatter.refresh_from_db()
    assert squatter.verification_status == "rejected"


def test_a_connection_address_that_is_none_is_recorded_as_unknown(client_for):
    employer = EmployerProfileFactory()  # behind a server on a Unix socket, say

    response = client_for(employer.user).post(REQUEST, REMOTE_ADDR="unknown")

    assert response.status_code == 202
    assert AuditEvent.objects.get(action="employer.verification_requested").ip is None


@pytest.mark.parametrize("action", ["approve", "reject", "suspend", "confirm-evidence"])
def test_a_staff_employer_cannot_decide_on_its_own_account(client_for, action):
    employer = EmployerProfileFactory(verification_status="pending")
    employer.user.is_staff = True  # staff are moderators (api.md)
    employer.user.save(update_fields=["is_staff"])
    before = EmployerProfile.objects.values().get(pk=employer.pk)

    response = client_for(employer.user).post(
        moderation(employer, action), {"reason": "Looks fine."}, format="json"
    )

    assert response.status_code == 403
    assert EmployerProfile.objects.values().get(pk=employer.pk) == before
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("action", "start"), [("approve", "pending"), ("reject", "pending"), ("suspend", "approved")]
)
def test_a_reason_holding_a_bsn_is_refused_and_changes_nothing(
    actors, client_for, django_capture_on_commit_callbacks, action, start
):
    employer = EmployerProfileFactory(verification_status=start)
    before = EmployerProfile.objects.filter(pk=employer.pk).values().get()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(actors["moderator"]).post(
            moderation(employer, action),
            {"reason": "BSN 111\u00a0222\u00a0333 in the extract"},
            format="json",
        )

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "code": "contains_bsn",
            "detail": "Remove the citizen service number (BSN): the platform may not store it.",
            "attr": "reason",
        }
    ]
    assert EmployerProfile.objects.filter(pk=employer.pk).values().get() == before
    assert not AuditEvent.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("language", "action", "start", "subject"),
    [
        ("en", "approve", "pending", "Bakkerij Bcc: victim@example.nl is verified on Safe Job"),
        ("nl", "approve", "pending", "Bakkerij Bcc: victim@example.nl is geverifieerd op Safe Job"),
        ("en", "suspend", "approved", "Bakkerij Bcc: victim@example.nl is suspended on Safe Job"),
        ("nl", "suspend", "approved", "Bakkerij Bcc: victim@example.nl is geschorst op Safe Job"),
    ],
)
def test_a_stored_name_of_two_lines_still_gets_its_email_with_a_one_line_subject(
    actors, client_for, django_capture_on_commit_callbacks, language, action, start, subject
):
    employer = EmployerProfileFactory(  # stored before names had to be one line
        verification_status=start, company_name="Bakkerij\r\n\tBcc: victim@example.nl"
    )
    employer.user.preferred_language = language
    employer.user.save(update_fields=["preferred_language"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(actors["moderator"]).post(
            moderation(employer, action), {"reason": "Scam reports."}, format="json"
        )

    assert response.status_code == 200
    [message] = mail.outbox
    assert message.subject == subject
    assert message.recipients() == [employer.user.email]
    assert "Bcc" not in message.message()
