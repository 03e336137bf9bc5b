import pytest

from apps.applications.models import Application, ApplicationEvent
from apps.applications.tests.factories import ApplicationFactory
from apps.jobs.tests.factories import JobFactory
from apps.notifications.models import Notification
from apps.notifications.services import notification_create

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


def row(*codes):
    return dict(zip(ACTORS, codes, strict=True))


ENDPOINTS = [
    ("get", "/api/v1/applications/", None, row(401, 200, 200, 200, 200, 200, 403)),
    (
        "post",
        "/api/v1/applications/",
        {"job": "{open_job}"},
        row(401, 201, 201, 403, 403, 403, 403),
    ),
    ("get", "/api/v1/applications/{application}/", None, row(401, 200, 404, 200, 404, 404, 200)),
    (
        "patch",
        "/api/v1/applications/{application}/",
        {"keep_data_consent": True},
        row(401, 200, 404, 403, 403, 403, 403),
    ),
    (
        "get",
        "/api/v1/applications/{application}/events/",
        None,
        row(401, 200, 404, 200, 404, 404, 200),
    ),
    (
        "post",
        "/api/v1/applications/{application}/transition/",
        {"status": "reviewing"},
        row(401, 409, 404, 200, 404, 404, 409),
    ),
    (
        "post",
        "/api/v1/applications/{application}/transition/",
        {"status": "withdrawn"},
        row(401, 200, 404, 409, 404, 404, 409),
    ),
    ("get", "/api/v1/notifications/", None, row(401, 200, 200, 200, 200, 200, 200)),
    (
        "post",
        "/api/v1/notifications/{notification}/read/",
        None,
        row(401, 200, 404, 404, 404, 404, 404),
    ),
]


def state():
    return (
        list(Application.objects.order_by("pk").values("pk", "status", "keep_data_consent")),
        ApplicationEvent.objects.count(),
        list(Notification.objects.order_by("pk").values("pk", "read_at")),
    )


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("method", "path", "body", "expected"), ENDPOINTS)
def test_permission_matrix(actors, client_for, actor, method, path, body, expected):
    job = JobFactory(employer=actors["employer"].employer_profile)
    application = ApplicationFactory(job=job, candidate=actors["candidate"].candidate_profile)
    open_job = JobFactory()
    notification = notification_create(user=actors["candidate"], kind="x", title="Yours")
    values = {
        "application": application.pk,
        "open_job": open_job.pk,
        "notification": notification.pk,
    }
    if body:
        body = {k: v.format(**values) if isinstance(v, str) else v for k, v in body.items()}
    before = state()

    response = getattr(client_for(actors[actor]), method)(
        path.format(**values), body, format="json"
    )

    assert response.status_code == expected[actor]
    if response.status_code >= 400:
        assert state() == before
