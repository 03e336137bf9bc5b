"""Employers see a candidate only as far as the candidate allowed; other employers get 404."""

import uuid

import pytest

from apps.candidates.tests.factories import CandidateProfileFactory

pytestmark = pytest.mark.django_db

LIMITED_FIELDS = {"id", "first_name", "city", "skills"}


def url(candidate_id) -> str:
    return f"/api/v1/candidates/{candidate_id}/"


@pytest.mark.parametrize(
    ("actor", "discoverable", "status", "fields"),
    [
        ("anonymous", True, 401, None),
        ("candidate", True, 403, None),
        ("other_candidate", True, 403, None),
        ("employer", True, 200, LIMITED_FIELDS),
        ("employer", False, 404, None),
        ("other_employer", True, 200, LIMITED_FIELDS),
        ("unverified_employer", True, 404, None),
        ("unverified_employer", False, 404, None),
        ("moderator", False, 200, "full"),
        ("moderator", True, 200, "full"),
    ],
)
def test_visibility_matrix(actors, client_for, actor, discoverable, status, fields):
    candidate = CandidateProfileFactory(
        is_discoverable=discoverable, first_name="Sanne", last_name="de Boer"
    )

    response = client_for(actors[actor]).get(url(candidate.pk))

    assert response.status_code == status
    if fields == LIMITED_FIELDS:
        assert response.json() == {
            "id": str(candidate.pk),
            "first_name": "Sanne",
            "city": candidate.city,
            "skills": candidate.skills,
        }
    elif fields == "full":
        assert response.json()["last_name"] == "de Boer"
        assert response.json()["email"] == candidate.user.email
    elif status == 404:
        assert response.json()["errors"][0]["code"] == "not_found"


def test_an_unknown_candidate_and_a_hidden_one_answer_alike(actors, client_for):
    hidden = CandidateProfileFactory(is_discoverable=False)
    client = client_for(actors["employer"])

    unknown_response = client.get(url(uuid.uuid4()))
    hidden_response = client.get(url(hidden.pk))

    assert unknown_response.status_code == hidden_response.status_code == 404
    assert unknown_response.json() == hidden_response.json()


def test_a_malformed_id_is_a_404(actors, client_for):
    response = client_for(actors["moderator"]).get("/api/v1/candidates/not-a-uuid/")

    assert response.status_code == 404


def test_a_deactivated_candidate_is_found_by_no_employer(actors, client_for):
    candidate = CandidateProfileFactory(is_discoverable=True)
    candidate.user.is_active = False
    candidate.user.save(update_fields=["is_active"])

    employer = client_for(actors["employer"]).get(url(candidate.pk))
    moderator = client_for(actors["moderator"]).get(url(candidate.pk))

    assert employer.status_code == 404
    assert moderator.status_code == 200
