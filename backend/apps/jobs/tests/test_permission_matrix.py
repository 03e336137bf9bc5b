"""Who may call each jobs endpoint. The job belongs to `employer`; denied calls change nothing."""

import pytest

from apps.jobs.models import Job, SavedJob
from apps.jobs.tests.factories import JobFactory
from apps.safety.models import AuditEvent

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


def row(
    anonymous, candidate, other_candidate, employer, other_employer, unverified_employer, moderator
):
    return dict(
        zip(
            ACTORS,
            (
                anonymous,
                candidate,
                other_candidate,
                employer,
                other_employer,
                unverified_employer,
                moderator,
            ),
            strict=True,
        )
    )


VALID_JOB = {
    "title": "Afwasser",
    "description": "Afwassen in een druk restaurant.",
    "category": "hospitality",
    "employment_type": "shift",
    "hourly_wage": "15.00",
    "starts_on": "2030-06-01",
    "city": "Utrecht",
}

ENDPOINTS = [
    ("get", "/api/v1/jobs/", None, row(200, 200, 200, 200, 200, 200, 200)),
    ("post", "/api/v1/jobs/", VALID_JOB, row(401, 403, 403, 201, 201, 201, 403)),
    ("get", "/api/v1/jobs/{published}/", None, row(200, 200, 200, 200, 200, 200, 200)),
    ("get", "/api/v1/jobs/{draft}/", None, row(404, 404, 404, 200, 404, 404, 200)),
    ("get", "/api/v1/jobs/{held}/", None, row(404, 404, 404, 200, 404, 404, 200)),
    ("patch", "/api/v1/jobs/{draft}/", {"positions": 4}, row(401, 403, 403, 200, 404, 404, 403)),
    (
        "patch",
        "/api/v1/jobs/{published}/",
        {"positions": 4},
        row(401, 403, 403, 200, 404, 404, 403),
    ),
    ("delete", "/api/v1/jobs/{published}/", None, row(401, 403, 403, 200, 404, 404, 403)),
    ("delete", "/api/v1/jobs/{draft}/", None, row(401, 403, 403, 204, 404, 404, 403)),
    ("post", "/api/v1/jobs/{draft}/publish/", None, row(401, 403, 403, 200, 404, 404, 403)),
    ("post", "/api/v1/jobs/{published}/close/", None, row(401, 403, 403, 200, 404, 404, 403)),
    ("post", "/api/v1/jobs/{held}/close/", None, row(401, 403, 403, 200, 404, 404, 403)),
    ("post", "/api/v1/jobs/{published}/save/", None, row(401, 201, 201, 403, 403, 403, 403)),
    ("delete", "/api/v1/jobs/{published}/save/", None, row(401, 204, 204, 403, 403, 403, 403)),
    # Only a job workers may see can be saved: another's draft is not there.
    ("post", "/api/v1/jobs/{draft}/save/", None, row(401, 404, 404, 403, 403, 403, 403)),
    ("get", "/api/v1/jobs/recommended/", None, row(401, 200, 200, 403, 403, 403, 403)),
    ("get", "/api/v1/candidates/me/saved-jobs/", None, row(401, 200, 200, 403, 403, 403, 403)),
    ("get", "/api/v1/employers/me/jobs/", None, row(401, 403, 403, 200, 200, 200, 403)),
    ("get", "/api/v1/moderation/jobs/", None, row(401, 403, 403, 403, 403, 403, 200)),
    ("post", "/api/v1/moderation/jobs/{held}/approve/", {}, row(401, 403, 403, 403, 403, 403, 200)),
    (
        "post",
        "/api/v1/moderation/jobs/{held}/reject/",
        {"reason": "Fee."},
        row(401, 403, 403, 403, 403, 403, 200),
    ),
]


def state() -> tuple:
    return (
        list(
            Job.objects.order_by("pk").values(
                "pk",
                "status",
                "positions",
                "published_at",
                "expires_at",
                "closed_at",
                "risk_flags",
                "rejection_reason",
                "updated_at",
            )
        ),
        SavedJob.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("method", "path", "body", "expected"), ENDPOINTS)
def test_permission_matrix(actors, client_for, actor, method, path, body, expected):
    employer = actors["employer"].employer_profile
    jobs = {
        "draft": JobFactory(employer=employer, status="draft", published_at=None, expires_at=None),
        "published": JobFactory(employer=employer),
        "held": JobFactory(
            employer=employer, status="pending_review", published_at=None, expires_at=None
        ),
    }
    before = state()

    response = getattr(client_for(actors[actor]), method)(
        path.format(**{name: job.pk for name, job in jobs.items()}), body, format="json"
    )

    assert response.status_code == expected[actor]
    if response.status_code >= 400:
        assert state() == before
