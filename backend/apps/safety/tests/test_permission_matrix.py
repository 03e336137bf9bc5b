"""Who may call each endpoint of the audit trail (Saleor-style matrix): moderators read, nobody writes."""

import pytest

from apps.safety.models import AuditEvent
from apps.safety.tests.factories import AuditEventFactory
from apps.users.models import User

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "candidate",
    "other_candidate",
    "employer",
    "other_employer",
    "unverified_employer",
    "moderator",
]
NOT_MODERATORS = [actor for actor in ACTORS if actor not in ("anonymous", "moderator")]
LIST = "/api/v1/moderation/audit-events/"
DETAIL = "/api/v1/moderation/audit-events/{id}/"
BODY = {"action": "employer.approved", "target_type": "employer", "target_id": "x", "reason": ""}


def expect(moderator: int) -> dict[str, int]:
    return {"anonymous": 401, **dict.fromkeys(NOT_MODERATORS, 403), "moderator": moderator}


def database_state() -> tuple:
    return (
        list(AuditEvent.objects.order_by("pk").values()),
        list(User.objects.order_by("pk").values()),
    )


ERRORS = {
    401: {
        "code": "not_authenticated",
        "detail": "Authentication credentials were not provided.",
        "attr": None,
    },
    403: {"code": "permission_denied", "detail": "Only moderators can do this.", "attr": None},
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", LIST, expect(200)),
        ("post", LIST, expect(405)),
        ("put", LIST, expect(405)),
        ("patch", LIST, expect(405)),
        ("delete", LIST, expect(405)),
        ("get", DETAIL, expect(200)),
        ("post", DETAIL, expect(405)),
        ("put", DETAIL, expect(405)),
        ("patch", DETAIL, expect(405)),
        ("delete", DETAIL, expect(405)),
    ],
)
def test_permission_matrix(actors, client_for, actor, method, path, expected):
    event = AuditEventFactory(reason="Fake KvK extract.")
    before = database_state()

    response = getattr(client_for(actors[actor]), method)(
        path.format(id=event.pk), BODY, format="json"
    )

    assert response.status_code == expected[actor]
    assert database_state() == before
    if response.status_code in ERRORS:
        assert response.json() == {"type": "client_error", "errors": [ERRORS[response.status_code]]}
    if response.status_code == 405:
        assert response.json() == {
            "type": "client_error",
            "errors": [
                {
                    "code": "method_not_allowed",
                    "detail": f'Method "{method.upper()}" not allowed.',
                    "attr": None,
                }
            ],
        }


def test_the_moderator_sees_every_event_whoever_recorded_it(actors, client_for):
    AuditEventFactory(actor=actors["moderator"])
    AuditEventFactory(actor=None)
    AuditEventFactory()

    response = client_for(actors["moderator"]).get(LIST)

    assert response.status_code == 200
    assert response.json()["count"] == 3


def test_staff_are_moderators_too(client_for):
    staff = User.objects.create_user("staff@example.nl", user_type="candidate", is_staff=True)
    event = AuditEventFactory()

    response = client_for(staff).get(DETAIL.format(id=event.pk))

    assert response.status_code == 200
    assert response.json()["id"] == str(event.pk)
