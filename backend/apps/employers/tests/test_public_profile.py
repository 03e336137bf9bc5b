import uuid

import pytest

from apps.employers.tests.factories import ApprovedEmployerFactory, EmployerProfileFactory
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(employer) -> str:
    return f"/api/v1/employers/{employer.pk}/"


@pytest.mark.parametrize(
    "actor", ["anonymous", "candidate", "employer", "unverified_employer", "moderator"]
)
def test_anyone_sees_a_verified_employers_public_profile(actors, client_for, actor):
    employer = ApprovedEmployerFactory(
        company_name="Bakkerij de Vries B.V.", description="Brood sinds 1921."
    )

    response = client_for(actors[actor]).get(url(employer))

    assert response.status_code == 200
    assert response.json() == {
        "id": str(employer.pk),
        "company_name": "Bakkerij de Vries B.V.",
        "city": "Utrecht",
        "description": "Brood sinds 1921.",
        "website": "https://bakkerijdevries.example",
        "is_verified": True,
        "verified_at": employer.verified_at.astimezone().isoformat(),
        "open_job_count": 0,
        "trust_evidence": {
            "is_staffing_agency": False,
            "sna_certified": False,
            "sna_certificate_number": "",
            "waadi_registered": False,
            "status": "stated_by_employer",
            "confirmed_at": None,
        },
    }


@pytest.mark.parametrize("status", ["unverified", "pending", "rejected", "suspended"])
def test_an_unchecked_or_suspended_employer_shows_as_not_verified(api_client, status):
    # Verified once (a suspended or reset employer keeps its verified_at for the record).
    employer = ApprovedEmployerFactory(verification_status=status)
    assert employer.verified_at is not None

    response = api_client.get(url(employer))

    assert response.status_code == 200
    assert (response.json()["is_verified"], response.json()["verified_at"]) == (False, None)
    assert "kvk_number" not in response.json()
    assert "rejection_reason" not in response.json()


def test_confirmed_evidence_says_so(api_client, actors, client_for):
    employer = ApprovedEmployerFactory(
        is_staffing_agency=True,
        sna_certified=True,
        sna_certificate_number="SNA-99",
        waadi_registered=True,
    )
    client_for(actors["moderator"]).post(
        f"/api/v1/moderation/employers/{employer.pk}/confirm-evidence/"
    )

    evidence = api_client.get(url(employer)).json()["trust_evidence"]

    assert evidence["status"] == "confirmed_by_moderator"
    assert evidence["confirmed_at"] is not None
    assert (evidence["sna_certified"], evidence["waadi_registered"]) == (True, True)


def test_an_employer_without_a_name_or_an_unknown_id_is_a_404(api_client):
    nameless = EmployerProfileFactory(company_name="")

    assert api_client.get(url(nameless)).status_code == 404
    assert api_client.get(f"/api/v1/employers/{uuid.uuid4()}/").status_code == 404


def test_a_deactivated_employer_is_a_404(api_client):
    employer = ApprovedEmployerFactory(user=UserFactory(user_type="employer", is_active=False))

    assert api_client.get(url(employer)).status_code == 404
