import uuid

import pytest
from django.core import mail
from django.db import transaction

from apps.applications.models import ApplicationEvent
from apps.applications.tests.factories import ApplicationFactory
from apps.jobs.tests.factories import JobFactory
from apps.notifications.models import Notification
from apps.notifications.services import notification_create
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_list_is_the_callers_newest_first_and_marking_read(client_for):
    user = UserFactory()
    older = notification_create(user=user, kind="x", title="Older")
    newer = notification_create(user=user, kind="x", title="Newer")
    notification_create(user=UserFactory(), kind="x", title="Someone else's")
    client = client_for(user)

    listed = client.get("/api/v1/notifications/").json()
    read = client.post(f"/api/v1/notifications/{older.pk}/read/")

    assert [row["id"] for row in listed["results"]] == [str(newer.pk), str(older.pk)]
    assert read.status_code == 200
    assert read.json()["is_read"] is True
    older.refresh_from_db()
    assert older.read_at is not None


def test_someone_elses_notification_is_a_404(client_for):
    theirs = notification_create(user=UserFactory(), kind="x", title="Theirs")

    response = client_for(UserFactory()).post(f"/api/v1/notifications/{theirs.pk}/read/")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert (
        client_for(UserFactory()).post(f"/api/v1/notifications/{uuid.uuid4()}/read/").status_code
        == 404
    )


def test_the_email_leaves_after_commit_and_not_on_rollback(django_capture_on_commit_callbacks):
    user = UserFactory()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                notification_create(user=user, kind="x", title="Rolled back")
                raise RuntimeError("the action failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        notification_create(user=user, kind="x", title="Kept", body="It worked.")
    assert [m.subject for m in mail.outbox] == ["Kept"]


def test_no_email_for_people_who_turned_emails_off(django_capture_on_commit_callbacks):
    user = UserFactory(notification_emails=False)

    with django_capture_on_commit_callbacks(execute=True):
        notification_create(user=user, kind="x", title="Quiet")

    assert mail.outbox == []
    assert Notification.objects.filter(user=user).count() == 1


def test_a_failing_email_backend_does_not_undo_the_transition(
    client_for, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        9,
        False,
        1,
    )
    application = ApplicationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(application.job.employer.user).post(
            f"/api/v1/applications/{application.pk}/transition/",
            {"status": "reviewing"},
            format="json",
        )

    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == "reviewing"
    assert Notification.objects.filter(user=application.candidate.user).count() == 1


def test_a_long_job_title_is_cut_short_in_the_notification(actors, client_for):
    job = JobFactory(title="Orderpicker " + "x" * 188)

    response = client_for(actors["candidate"]).post(
        "/api/v1/applications/", {"job": str(job.pk)}, format="json"
    )

    assert response.status_code == 201
    title = Notification.objects.get(user=job.employer.user).title
    assert len(title) == 200
    assert title.startswith("New application for Orderpicker xxx")
    assert title.endswith("…")


def test_a_job_title_with_a_line_break_still_gets_its_email(
    actors, client_for, django_capture_on_commit_callbacks
):
    job = JobFactory(title="Orderpicker\r\nnacht")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(actors["candidate"]).post(
            "/api/v1/applications/", {"job": str(job.pk)}, format="json"
        )

    assert response.status_code == 201
    assert Notification.objects.get(user=job.employer.user).title == (
        "New application for Orderpicker nacht"
    )
    assert [m.subject for m in mail.outbox] == ["New application for Orderpicker nacht"]


def test_the_list_takes_the_same_few_queries_however_long(
    client_for, django_assert_max_num_queries
):
    user = UserFactory()
    for number in range(25):
        notification_create(user=user, kind="x", title=f"Number {number}")
    client = client_for(user)

    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/notifications/", {"page_size": 25})

    assert response.json()["count"] == 25
    assert len(response.json()["results"]) == 25


@pytest.mark.parametrize("employer_status", ["suspended", "unverified"])
def test_an_employer_that_lost_its_applicants_is_not_told_what_they_do(
    client_for, django_capture_on_commit_callbacks, employer_status
):
    application = ApplicationFactory(status="offered")
    employer = application.job.employer
    employer.verification_status = employer_status
    employer.save(update_fields=["verification_status"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(application.candidate.user).post(
            f"/api/v1/applications/{application.pk}/transition/",
            {"status": "declined", "note": "Bel me liever op 06 12345678."},
            format="json",
        )

    assert response.status_code == 200
    assert response.json()["status"] == "declined"
    assert ApplicationEvent.objects.get(application=application).note == (
        "Bel me liever op 06 12345678."
    )
    assert not Notification.objects.filter(user=employer.user).exists()
    assert mail.outbox == []
