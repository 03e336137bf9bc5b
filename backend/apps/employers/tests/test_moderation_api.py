import uuid

import pytest

from apps.employers.models import EmployerProfile
from apps.employers.tests.factories import EmployerProfileFactory
from apps.safety.models import AuditEvent

pytestmark = pytest.mark.django_db

QUEUE = "/api/v1/moderation/employers/"


def test_the_queue_filters_by_status_oldest_request_first(actors, client_for):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    newer = EmployerProfileFactory(verification_status="pending", verification_requested_at=now)
    older = EmployerProfileFactory(
        verification_status="pending", verification_requested_at=now - timedelta(hours=2)
    )

    response = client_for(actors["moderator"]).get(QUEUE, {"status": "pending"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [row["id"] for row in body["results"]] == [str(older.pk), str(newer.pk)]
    assert body["results"][0]["email"] == older.user.email


def test_an_unknown_status_filter_is_a_400(actors, client_for):
    response = client_for(actors["moderator"]).get(QUEUE, {"status": "maybe"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "status"


def test_the_queue_uses_a_constant_number_of_queries(
    actors, client_for, django_assert_max_num_queries
):
    for _ in range(15):
        EmployerProfileFactory(verification_status="pending")
    client = client_for(actors["moderator"])

    with django_assert_max_num_queries(4):
        response = client.get(QUEUE, {"status": "pending", "page_size": 50})

    assert len(response.json()["results"]) == 15


def test_an_unknown_employer_is_a_404(actors, client_for):
    response = client_for(actors["moderator"]).post(f"{QUEUE}{uuid.uuid4()}/approve/")

    assert response.status_code == 404


def employer_state() -> tuple:
    return list(EmployerProfile.objects.order_by("pk").values()), AuditEvent.objects.count()


MODERATOR_ONLY = [
    ("get", "/api/v1/moderation/employers/", None),
    ("get", "/api/v1/moderation/employers/{id}/", None),
    ("post", "/api/v1/moderation/employers/{id}/approve/", {}),
    ("post", "/api/v1/moderation/employers/{id}/reject/", {"reason": "No."}),
    ("post", "/api/v1/moderation/employers/{id}/suspend/", {"reason": "No."}),
    ("post", "/api/v1/moderation/employers/{id}/confirm-evidence/", None),
]


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("anonymous", 401),
        ("candidate", 403),
        ("other_candidate", 403),
        ("employer", 403),
        ("other_employer", 403),
        ("unverified_employer", 403),
    ],
)
@pytest.mark.parametrize(("method", "path", "body"), MODERATOR_ONLY)
def test_moderation_endpoints_are_for_moderators_only(
    actors, client_for, actor, status, method, path, body
):
    target = EmployerProfileFactory(verification_status="pending")
    before = employer_state()

    response = getattr(client_for(actors[actor]), method)(
        path.format(id=target.pk), body, format="json"
    )

    assert response.status_code == status
    assert employer_state() == before


@pytest.mark.parametrize(("method", "path", "body"), MODERATOR_ONLY)
def test_moderators_may_call_every_moderation_endpoint(actors, client_for, method, path, body):
    start = "approved" if "suspend" in path else "pending"
    target = EmployerProfileFactory(verification_status=start)

    response = getattr(client_for(actors["moderator"]), method)(
        path.format(id=target.pk), body, format="json"
    )

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("actor", "me_status", "verification_status"),
    [
        ("anonymous", 401, 401),
        ("candidate", 403, 403),
        ("employer", 200, 409),
        ("unverified_employer", 200, 202),
        ("moderator", 403, 403),
    ],
)
def test_employer_me_endpoints(actors, client_for, actor, me_status, verification_status):
    client = client_for(actors[actor])
    before = employer_state()

    me = client.get("/api/v1/employers/me/")
    verification = client.post("/api/v1/employers/me/verification/")

    assert (me.status_code, verification.status_code) == (me_status, verification_status)
    if verification_status != 202:
        assert employer_state() == before


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("anonymous", 401),
        ("candidate", 403),
        ("other_candidate", 403),
        ("moderator", 403),
        ("employer", 200),
        ("other_employer", 200),
        ("unverified_employer", 200),
    ],
)
def test_changing_a_profile_is_for_its_employer_alone(actors, client_for, actor, status):
    before = employer_state()

    response = client_for(actors[actor]).patch(
        "/api/v1/employers/me/", {"description": "Nu ook op zaterdag."}, format="json"
    )

    assert response.status_code == status
    if status != 200:
        assert employer_state() == before
        return
    changed = EmployerProfile.objects.filter(description="Nu ook op zaterdag.")
    assert [employer.user for employer in changed] == [actors[actor]]
    assert response.json()["id"] == str(changed.get().pk)
