"""Done when: through the API alone an employer is checked and shows verified, with each step audited."""

import pytest

from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_employer_is_verified_through_the_api(client_for, django_capture_on_commit_callbacks):
    employer_user = UserFactory(user_type="employer")
    moderator = UserFactory(user_type="admin")
    employer, mod = client_for(employer_user), client_for(moderator)

    filled = employer.patch(
        "/api/v1/employers/me/",
        {
            "company_name": "Bakkerij de Vries B.V.",
            "kvk_number": "12345678",
            "address": "Oudegracht 12",
            "postal_code": "3511 AB",
            "city": "Utrecht",
            "website": "https://bakkerijdevries.example",
        },
        format="json",
    )
    assert filled.status_code == 200
    employer_id = filled.json()["id"]
    assert employer.post("/api/v1/employers/me/verification/").status_code == 202

    queue = mod.get("/api/v1/moderation/employers/", {"status": "pending"}).json()
    assert [row["id"] for row in queue["results"]] == [employer_id]
    with django_capture_on_commit_callbacks(execute=True):
        approved = mod.post(
            f"/api/v1/moderation/employers/{employer_id}/approve/",
            {"reason": "KvK extract matches."},
            format="json",
        )
    assert approved.status_code == 200

    public = client_for(None).get(f"/api/v1/employers/{employer_id}/").json()
    assert public["is_verified"] is True
    assert public["verified_at"] is not None

    trail = mod.get(
        "/api/v1/moderation/audit-events/", {"target_type": "employer", "target_id": employer_id}
    ).json()
    actions = [event["action"] for event in reversed(trail["results"])]
    assert actions == [
        "employer.profile_updated",
        "employer.verification_requested",
        "employer.approved",
    ]
    approval = trail["results"][0]
    assert approval["actor_email"] == moderator.email
    assert approval["reason"] == "KvK extract matches."
    assert (approval["before"], approval["after"]) == (
        {"verification_status": "pending"},
        {"verification_status": "approved"},
    )
