from datetime import date
from decimal import Decimal

import pytest
import time_machine

from apps.candidates.models import CandidateProfile
from apps.candidates.tests.factories import CandidateProfileFactory
from apps.core.geo import lat_lon
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/candidates/me/"


def snapshot(profile: CandidateProfile) -> dict[str, object]:
    return dict(CandidateProfile.objects.filter(pk=profile.pk).values().get())


@pytest.fixture
def candidate():
    return CandidateProfileFactory(
        first_name="Sanne",
        last_name="de Boer",
        skills=["forklift"],
        is_discoverable=False,
        min_hourly_wage=Decimal("15.00"),
    )


def test_the_profile_made_at_sign_up_is_empty_and_private(client_for):
    user = UserFactory(user_type="candidate")

    response = client_for(user).get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["first_name"] == ""
    assert body["skills"] == []
    assert body["is_discoverable"] is False
    assert body["latitude"] is None
    assert body["longitude"] is None
    assert body["max_travel_km"] == 25
    assert body["email"] == user.email


def test_patch_normalises_skills_and_postal_code(client_for, candidate):
    response = client_for(candidate.user).patch(
        URL,
        {
            "skills": ["  Forklift ", "order   picking", "FORKLIFT", "Heftruck"],
            "postal_code": "3511ab",
            "city": "Utrecht",
            "bio": "Student, evenings and weekends.",
            "max_travel_km": 30,
            "min_hourly_wage": "14.71",
            "date_of_birth": "2001-05-17",
            "is_discoverable": True,
        },
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert body["skills"] == ["forklift", "order picking", "heftruck"]
    assert body["postal_code"] == "3511 AB"
    assert body["min_hourly_wage"] == "14.71"
    candidate.refresh_from_db()
    assert candidate.skills == ["forklift", "order picking", "heftruck"]
    assert (candidate.max_travel_km, candidate.is_discoverable) == (30, True)
    assert candidate.date_of_birth == date(2001, 5, 17)


def test_skills_written_in_other_unicode_forms_are_one_skill(client_for, candidate):
    response = client_for(candidate.user).patch(
        URL,
        {
            # composed and decomposed é; fullwidth letters; a no-break space
            "skills": [
                "Café",
                "cafe\u0301",
                "\uff26\uff4f\uff52\uff4b\uff4c\uff49\uff46\uff54",
                "forklift",
                "order\u00a0picking",
                "order picking",
            ],
        },
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["skills"] == ["café", "forklift", "order picking"]
    candidate.refresh_from_db()
    assert candidate.skills == ["caf\u00e9", "forklift", "order picking"]


def test_coordinates_given_are_stored(client_for, candidate):
    response = client_for(candidate.user).patch(
        URL, {"latitude": 51.9225, "longitude": 4.47917}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["latitude"], response.json()["longitude"]) == (51.9225, 4.47917)
    candidate.refresh_from_db()
    assert lat_lon(candidate.location) == (51.9225, 4.47917)


def test_a_city_without_coordinates_is_geocoded(client_for, candidate):
    response = client_for(candidate.user).patch(
        URL, {"city": "Zwolle", "postal_code": ""}, format="json"
    )

    assert response.status_code == 200
    latitude, longitude = response.json()["latitude"], response.json()["longitude"]
    assert abs(latitude - 52.5125) < 0.05
    assert abs(longitude - 6.0944) < 0.05


def test_null_coordinates_fall_back_to_the_place_or_to_none(client_for, candidate):
    client = client_for(candidate.user)
    client.patch(URL, {"latitude": 51.9225, "longitude": 4.47917}, format="json")
    nulls = {"latitude": None, "longitude": None}

    in_utrecht = client.patch(URL, nulls, format="json").json()
    client.patch(URL, {"city": "", "postal_code": ""}, format="json")
    nowhere = client.patch(URL, nulls, format="json").json()

    assert abs(in_utrecht["latitude"] - 52.09) < 0.05  # the factory's city, Utrecht
    assert abs(in_utrecht["longitude"] - 5.12) < 0.05
    assert (nowhere["latitude"], nowhere["longitude"]) == (None, None)
    candidate.refresh_from_db()
    assert candidate.location is None


def test_a_place_that_cannot_be_found_is_a_400_on_the_city(client_for, candidate):
    before = snapshot(candidate)

    response = client_for(candidate.user).patch(URL, {"city": "Atlantis aan Zee"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "city"
    assert response.json()["errors"][0]["code"] == "place_not_found"
    assert snapshot(candidate) == before


@pytest.mark.parametrize(
    ("body", "attr", "code"),
    [
        ({"postal_code": "0123 AB"}, "postal_code", "invalid_postal_code"),
        ({"postal_code": "1234 SS"}, "postal_code", "invalid_postal_code"),
        ({"latitude": 91, "longitude": 5}, "latitude", "max_value"),
        ({"latitude": 52, "longitude": -181}, "longitude", "min_value"),
        ({"latitude": 52.1}, "longitude", "required"),
        ({"min_hourly_wage": "-1.00"}, "min_hourly_wage", "min_value"),
        ({"min_hourly_wage": "501.00"}, "min_hourly_wage", "max_value"),
        ({"min_hourly_wage": "lots"}, "min_hourly_wage", "invalid"),
        ({"max_travel_km": 0}, "max_travel_km", "min_value"),
        ({"max_travel_km": 251}, "max_travel_km", "max_value"),
        ({"skills": ["x" * 51]}, "skills.0", "max_length"),
        ({"skills": [f"skill {i}" for i in range(31)]}, "skills", "max_length"),
        ({"bio": "Mijn BSN is 111222333, bel me."}, "bio", "contains_bsn"),
        ({"bio": "BSN: 1112.22.333"}, "bio", "contains_bsn"),
        ({"bio": "BSN: 111\u00a0222\u00a0333"}, "bio", "contains_bsn"),
        (
            {"bio": "BSN: \uff11\uff11\uff11\uff12\uff12\uff12\uff13\uff13\uff13"},
            "bio",
            "contains_bsn",
        ),
        ({"date_of_birth": "2999-01-01"}, "date_of_birth", "invalid"),
        ({"is_verified": True}, "is_verified", "unknown_field"),
        ({"user": "someone-else"}, "user", "unknown_field"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_changes_nothing(
    client_for, candidate, body, attr, code
):
    before = snapshot(candidate)

    response = client_for(candidate.user).patch(URL, body, format="json")

    assert response.status_code == 400
    assert response.json()["type"] == "validation_error"
    assert {"attr": attr, "code": code} in [
        {"attr": e["attr"], "code": e["code"]} for e in response.json()["errors"]
    ]
    assert snapshot(candidate) == before


def test_a_nine_digit_number_that_is_no_bsn_is_fine(client_for, candidate):
    response = client_for(candidate.user).patch(
        URL, {"bio": "Call 123456789 for references."}, format="json"
    )

    assert response.status_code == 200


def test_a_worker_must_be_at_least_fifteen(client_for, candidate):
    today = date(2026, 6, 15)
    with time_machine.travel(today, tick=False):
        fifteen_today = client_for(candidate.user).patch(
            URL, {"date_of_birth": "2011-06-15"}, format="json"
        )
        fifteen_tomorrow = client_for(candidate.user).patch(
            URL, {"date_of_birth": "2011-06-16"}, format="json"
        )

    assert fifteen_today.status_code == 200
    assert fifteen_tomorrow.status_code == 400
    assert fifteen_tomorrow.json()["errors"][0]["code"] == "too_young"
    candidate.refresh_from_db()
    assert candidate.date_of_birth == date(2011, 6, 15)


@pytest.mark.parametrize(
    ("actor", "method", "status"),
    [
        ("anonymous", "get", 401),
        ("anonymous", "patch", 401),
        ("candidate", "get", 200),
        ("candidate", "patch", 200),
        ("employer", "get", 403),
        ("employer", "patch", 403),
        ("unverified_employer", "patch", 403),
        ("moderator", "get", 403),
        ("moderator", "patch", 403),
    ],
)
def test_permission_matrix_of_candidates_me(actors, client_for, actor, method, status):
    before = list(CandidateProfile.objects.order_by("pk").values())

    response = getattr(client_for(actors[actor]), method)(URL, {"bio": "changed"}, format="json")

    assert response.status_code == status
    if status != 200:
        assert list(CandidateProfile.objects.order_by("pk").values()) == before
    elif method == "patch":
        assert CandidateProfile.objects.get(user=actors[actor]).bio == "changed"


def test_someone_born_on_a_leap_day_turns_fifteen_on_the_first_of_march(client_for, candidate):
    with time_machine.travel(date(2027, 2, 28), tick=False):
        day_before = client_for(candidate.user).patch(
            URL, {"date_of_birth": "2012-02-29"}, format="json"
        )
    with time_machine.travel(date(2027, 3, 1), tick=False):
        birthday = client_for(candidate.user).patch(
            URL, {"date_of_birth": "2012-02-29"}, format="json"
        )

    assert (day_before.status_code, birthday.status_code) == (400, 200)


def test_a_postal_code_the_geocoder_cannot_place_is_a_400_on_the_postal_code(
    client_for, candidate, settings
):
    settings.GEOCODER_BACKEND = (
        "apps.core.geocoding.OfflineGeocoder"  # knows places, not postal codes
    )
    before = snapshot(candidate)

    response = client_for(candidate.user).patch(
        URL, {"postal_code": "9999 ZZ", "city": ""}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "code": "place_not_found",
            "detail": "We could not place this postal code. Add the city, or latitude and longitude.",
            "attr": "postal_code",
        }
    ]
    assert snapshot(candidate) == before


@pytest.mark.parametrize(
    ("body", "attr", "code"),
    [
        ({"skills": ["111222333"]}, "skills.0", "contains_bsn"),
        ({"first_name": "Jan 111222333"}, "first_name", "contains_bsn"),
        ({"skills": ["İ" * 50]}, "skills", "max_length"),
        ({"first_name": "Jan\x00"}, "first_name", "null_characters_not_allowed"),
        ({"first_name": "Jan\nPiet"}, "first_name", "invalid"),
        ({"last_name": "de \u202eVries"}, "last_name", "invalid"),
        ({"last_name": "de Vries\u2066"}, "last_name", "invalid"),
        ({"city": "Delft\tCentrum"}, "city", "invalid"),
        ({"skills": ["heftruck\u2028rijbewijs"]}, "skills.0", "invalid"),
        ({"first_name": "\u200b"}, "first_name", "blank"),
        ({"skills": ["\u2800"]}, "skills.0", "blank"),
    ],
)
def test_more_bad_input_is_a_400_not_a_500(client_for, candidate, body, attr, code):
    before = snapshot(candidate)

    response = client_for(candidate.user).patch(URL, body, format="json")

    assert response.status_code == 400
    assert {"attr": attr, "code": code} in [
        {"attr": e["attr"], "code": e["code"]} for e in response.json()["errors"]
    ]
    assert snapshot(candidate) == before


def test_a_name_is_one_line_where_the_bio_may_have_many(client_for, candidate):
    before = snapshot(candidate)
    client = client_for(candidate.user)
    bio = "Heftruck.\nReachtruck:\n\tja."

    refused = client.patch(URL, {"first_name": "Zo\u00eb\nPiet", "bio": bio}, format="json")
    unchanged = snapshot(candidate)
    accepted = client.patch(URL, {"first_name": "Zo\u00eb", "bio": bio}, format="json")

    assert refused.status_code == 400
    assert refused.json()["errors"] == [
        {
            "code": "invalid",
            "detail": "Write this on one line, without control or text-direction characters.",
            "attr": "first_name",
        }
    ]
    assert unchanged == before
    assert accepted.status_code == 200
    candidate.refresh_from_db()
    assert (candidate.first_name, candidate.bio) == ("Zo\u00eb", bio)
