import pytest

from apps.employers.models import EmployerProfile
from apps.employers.tests.factories import ApprovedEmployerFactory, EmployerProfileFactory
from apps.safety.models import AuditEvent
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/employers/me/"


def snapshot(employer: EmployerProfile) -> dict[str, object]:
    return dict(EmployerProfile.objects.filter(pk=employer.pk).values().get())


def test_a_new_employer_starts_unverified_with_an_empty_profile(client_for):
    user = UserFactory(user_type="employer")

    response = client_for(user).get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["verification_status"] == "unverified"
    assert body["company_name"] == ""
    assert body["kvk_number"] == ""
    assert body["verified_at"] is None
    assert body["rejection_reason"] == ""
    assert body["trust_evidence"]["status"] == "stated_by_employer"


def test_filling_in_the_profile(client_for):
    user = UserFactory(user_type="employer")

    response = client_for(user).patch(
        URL,
        {
            "company_name": "Flexwerk Utrecht B.V.",
            "kvk_number": "1234.56 78",
            "website": "https://flexwerk.example",
            "description": "Uitzendbureau voor logistiek.",
            "address": "Vredenburg 40",
            "postal_code": "3511bd",
            "city": "Utrecht",
            "is_staffing_agency": True,
            "sna_certified": True,
            "sna_certificate_number": "SNA-123",
            "waadi_registered": True,
        },
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["kvk_number"], body["postal_code"]) == ("12345678", "3511 BD")
    assert abs(body["latitude"] - 52.09) < 0.05
    assert abs(body["longitude"] - 5.12) < 0.05
    assert body["verification_status"] == "unverified"
    employer = EmployerProfile.objects.get(user=user)
    assert employer.company_name == "Flexwerk Utrecht B.V."
    assert (
        AuditEvent.objects.filter(
            action="employer.profile_updated", target_id=str(employer.pk)
        ).count()
        == 1
    )


@pytest.mark.parametrize(
    ("body", "attr", "code"),
    [
        ({"kvk_number": "1234567"}, "kvk_number", "invalid_kvk_number"),
        ({"kvk_number": "123456789"}, "kvk_number", "invalid_kvk_number"),
        ({"website": "not a url"}, "website", "invalid"),
        ({"website": "ftp://files.example"}, "website", "invalid"),
        ({"website": "https://user:pw@evil.example"}, "website", "invalid"),
        ({"website": "https://bakkerij.nl@evil.example"}, "website", "invalid"),
        ({"website": "http://localhost"}, "website", "invalid"),
        ({"website": "http://localhost:8000/admin/"}, "website", "invalid"),
        ({"website": "http://127.0.0.1/"}, "website", "invalid"),
        ({"website": "http://192.168.1.1"}, "website", "invalid"),
        ({"website": "http://[::1]:8080/"}, "website", "invalid"),
        ({"website": "http://printer.local"}, "website", "invalid"),
        ({"website": "https://db.internal/"}, "website", "invalid"),
        ({"website": "https://stra\u00dfe.de"}, "website", "invalid"),
        ({"website": "https://x.nl/?bsn=111222333"}, "website", "contains_bsn"),
        ({"website": "https://x.nl/%31%31%31-222-333"}, "website", "contains_bsn"),
        ({"postal_code": "12345"}, "postal_code", "invalid_postal_code"),
        ({"latitude": -91, "longitude": 5}, "latitude", "min_value"),
        ({"description": "Stuur je BSN 111222333 mee."}, "description", "contains_bsn"),
        ({"company_name": "X"}, "company_name", "min_length"),
        ({"company_name": "Bakkerij\tDe Vries"}, "company_name", "invalid"),
        ({"company_name": "Bakkerij \u202eseirV eD"}, "company_name", "invalid"),
        ({"company_name": "\u2067Bakkerij\u2069 De Vries"}, "company_name", "invalid"),
        ({"company_name": "\u200b\u200b"}, "company_name", "min_length"),
        ({"company_name": "B\u00ad\u200b\u3164"}, "company_name", "min_length"),
        ({"address": "Dorpsstraat 1\r\nBus 2"}, "address", "invalid"),
        ({"city": "Utrecht\x85Amersfoort"}, "city", "invalid"),
        ({"sna_certificate_number": "SNA\x1b[2J"}, "sna_certificate_number", "invalid"),
        ({"verification_status": "approved"}, "verification_status", "unknown_field"),
        ({"verified_at": "2026-01-01T00:00:00Z"}, "verified_at", "unknown_field"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_changes_nothing(client_for, body, attr, code):
    employer = EmployerProfileFactory()
    before = snapshot(employer)

    response = client_for(employer.user).patch(URL, body, format="json")

    assert response.status_code == 400
    assert {"attr": attr, "code": code} in [
        {"attr": e["attr"], "code": e["code"]} for e in response.json()["errors"]
    ]
    assert snapshot(employer) == before


def test_a_kvk_number_another_active_employer_holds_is_refused(client_for):
    EmployerProfileFactory(kvk_number="87654321")
    employer = EmployerProfileFactory()
    before = snapshot(employer)

    response = client_for(employer.user).patch(URL, {"kvk_number": "8765 4321"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "code": "kvk_in_use",
            "detail": "This KvK number is already registered to another employer.",
            "attr": "kvk_number",
        }
    ]
    assert snapshot(employer) == before


def test_a_kvk_number_of_a_rejected_employer_may_be_used_again(client_for):
    EmployerProfileFactory(kvk_number="87654321", verification_status="rejected")
    employer = EmployerProfileFactory()

    response = client_for(employer.user).patch(URL, {"kvk_number": "87654321"}, format="json")

    assert response.status_code == 200
    assert response.json()["kvk_number"] == "87654321"


def test_a_suspended_employers_kvk_number_stays_taken(client_for):
    EmployerProfileFactory(kvk_number="87654321", verification_status="suspended")
    employer = EmployerProfileFactory()

    response = client_for(employer.user).patch(URL, {"kvk_number": "87654321"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "kvk_in_use"


@pytest.mark.parametrize(
    "changes", [{"kvk_number": ""}, {"kvk_number": "11223344"}, {"company_name": "Nieuw B.V."}]
)
def test_a_suspended_employer_keeps_its_name_and_kvk_number(client_for, changes):
    employer = EmployerProfileFactory(
        kvk_number="87654321", company_name="Oud B.V.", verification_status="suspended"
    )

    response = client_for(employer.user).patch(URL, changes, format="json")

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "invalid_transition"
    employer.refresh_from_db()
    assert (employer.kvk_number, employer.company_name) == ("87654321", "Oud B.V.")
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("field", ["company_name", "kvk_number"])
def test_an_approved_employer_changing_its_identity_drops_to_unverified(client_for, field):
    employer = ApprovedEmployerFactory()
    new_value = "Nieuwe Naam B.V." if field == "company_name" else "11223344"

    response = client_for(employer.user).patch(URL, {field: new_value}, format="json")

    assert response.status_code == 200
    assert response.json()["verification_status"] == "unverified"
    employer.refresh_from_db()
    assert (employer.verification_status, employer.verified_at) == ("unverified", None)
    event = AuditEvent.objects.get(action="employer.verification_reset", target_id=str(employer.pk))
    assert event.before["verification_status"] == "approved"
    assert event.after["verification_status"] == "unverified"
    assert event.after[field] == new_value
    assert event.actor == employer.user


def test_an_approved_employer_changing_its_description_stays_approved(client_for):
    employer = ApprovedEmployerFactory()

    response = client_for(employer.user).patch(
        URL, {"description": "Nu ook op zaterdag."}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["verification_status"] == "approved"
    assert not AuditEvent.objects.filter(action="employer.verification_reset").exists()


def test_changed_trust_evidence_needs_confirming_again(client_for, actors):
    employer = ApprovedEmployerFactory(sna_certified=True)
    client_for(actors["moderator"]).post(
        f"/api/v1/moderation/employers/{employer.pk}/confirm-evidence/"
    )
    employer.refresh_from_db()
    assert employer.trust_evidence_confirmed_at is not None

    response = client_for(employer.user).patch(URL, {"waadi_registered": True}, format="json")

    assert response.json()["trust_evidence"]["status"] == "stated_by_employer"
    employer.refresh_from_db()
    assert employer.trust_evidence_confirmed_at is None


def test_a_place_that_cannot_be_found_is_a_400(client_for):
    employer = EmployerProfileFactory()
    before = snapshot(employer)

    response = client_for(employer.user).patch(
        URL, {"city": "Nergenshuizen-aan-de-Maan"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "city"
    assert snapshot(employer) == before


def test_a_company_name_of_two_lines_is_refused_where_a_description_may_have_many(client_for):
    employer = EmployerProfileFactory(company_name="Bakkerij De Vries")
    before = snapshot(employer)

    response = client_for(employer.user).patch(
        URL,
        {"company_name": "Bakkerij\nBcc: victim@example.nl", "description": "Brood.\nBanket."},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "type": "validation_error",
        "errors": [
            {
                "code": "invalid",
                "detail": "Write this on one line, without control or text-direction characters.",
                "attr": "company_name",
            }
        ],
    }
    assert snapshot(employer) == before
    assert not AuditEvent.objects.exists()


def test_a_company_name_needs_characters_that_show(client_for):
    employer = EmployerProfileFactory(company_name="Bakkerij De Vries")
    before = snapshot(employer)
    client = client_for(employer.user)
    joined = "Nan\u200cAvaran"  # a zero-width non-joiner between letters that show

    invisible = client.patch(URL, {"company_name": "\u200b\u200b"}, format="json")
    unchanged = snapshot(employer)
    visible = client.patch(
        URL, {"company_name": joined, "description": "Brood.\nBanket:\n\ttaart."}, format="json"
    )

    assert invisible.status_code == 400
    assert invisible.json()["errors"] == [
        {
            "code": "min_length",
            "detail": "Ensure this field has at least 2 visible characters.",
            "attr": "company_name",
        }
    ]
    assert unchanged == before
    assert visible.status_code == 200
    employer.refresh_from_db()
    assert (employer.company_name, employer.description) == (joined, "Brood.\nBanket:\n\ttaart.")


def test_a_website_is_stored_with_its_host_in_ascii(client_for):
    employer = EmployerProfileFactory()

    response = client_for(employer.user).patch(
        URL, {"website": "https://B\u00e4ckerei.nl/\u00f6ver-ons"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["website"] == "https://xn--bckerei-5wa.nl/%C3%B6ver-ons"
    employer.refresh_from_db()
    assert employer.website == "https://xn--bckerei-5wa.nl/%C3%B6ver-ons"


def test_a_website_that_is_no_link_is_one_error(client_for):
    employer = EmployerProfileFactory()
    before = snapshot(employer)

    response = client_for(employer.user).patch(URL, {"website": "not a url"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"code": "invalid", "detail": "Enter a valid URL.", "attr": "website"}
    ]
    assert snapshot(employer) == before


@pytest.mark.parametrize("status", ["pending", "approved"])
@pytest.mark.parametrize(
    ("changes", "emptied"),
    [
        ({"address": ""}, {"address"}),
        ({"city": ""}, {"city"}),
        ({"postal_code": "", "city": ""}, {"postal_code", "city"}),
    ],
)
def test_an_employer_asking_for_or_holding_its_check_keeps_what_the_check_needs(
    client_for, status, changes, emptied
):
    employer = EmployerProfileFactory(verification_status=status)
    before = snapshot(employer)

    response = client_for(employer.user).patch(URL, changes, format="json")

    assert response.status_code == 400
    assert {(e["attr"], e["code"]) for e in response.json()["errors"]} == {
        (name, "profile_incomplete") for name in emptied
    }
    assert snapshot(employer) == before
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("status", ["unverified", "rejected"])
def test_an_employer_not_waiting_for_a_check_may_empty_its_address(client_for, status):
    employer = EmployerProfileFactory(verification_status=status)

    response = client_for(employer.user).patch(URL, {"address": ""}, format="json")

    assert response.status_code == 200
    employer.refresh_from_db()
    assert (employer.address, employer.verification_status) == ("", status)


def test_an_approved_employer_emptying_its_kvk_number_drops_to_unverified_instead(client_for):
    employer = ApprovedEmployerFactory()

    response = client_for(employer.user).patch(
        URL, {"kvk_number": "", "address": ""}, format="json"
    )

    assert response.status_code == 200
    employer.refresh_from_db()
    assert (employer.verification_status, employer.kvk_number, employer.address) == (
        "unverified",
        "",
        "",
    )
