from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from apps.applications.models import Application, ApplicationEvent
from apps.applications.services import ABANDONED_NOTE
from apps.applications.tasks import scrub_application_personal_data
from apps.applications.tests.factories import ApplicationFactory, with_note
from apps.jobs.models import Job
from apps.jobs.tests.factories import JobFactory
from apps.notifications.models import Notification
from apps.notifications.services import notification_create

pytestmark = pytest.mark.django_db


def closed_job(days_ago: int):
    return JobFactory(status="closed", closed_at=timezone.now() - timedelta(days=days_ago))


def test_retention_scrubs_unsuccessful_applications_four_weeks_after_the_job_closed():
    due = with_note(ApplicationFactory(job=closed_job(29), status="rejected"))
    too_recent = ApplicationFactory(job=closed_job(27), status="rejected")
    hired = ApplicationFactory(job=closed_job(60), status="hired")
    consented = ApplicationFactory(job=closed_job(60), status="rejected", keep_data_consent=True)
    consent_expired = ApplicationFactory(
        job=closed_job(400), status="declined", keep_data_consent=True
    )
    open_job = ApplicationFactory(status="rejected")

    assert scrub_application_personal_data() == 2

    scrubbed = {a.pk for a in Application.objects.filter(personal_data_removed_at__isnull=False)}
    assert scrubbed == {due.pk, consent_expired.pk}
    due.refresh_from_db()
    assert (due.cover_letter, due.status) == ("", "rejected")
    assert list(
        ApplicationEvent.objects.filter(application=due).values_list("note", flat=True)
    ) == [""]
    for kept in (too_recent, hired, consented, open_job):
        kept.refresh_from_db()
        assert kept.cover_letter == "Ik heb drie jaar ervaring als orderpicker."
    assert scrub_application_personal_data() == 0


def expired_job(days_ago: int):
    return JobFactory(status="expired", closed_at=timezone.now() - timedelta(days=days_ago))


@pytest.mark.parametrize(
    "status", ["submitted", "reviewing", "shortlisted", "interview", "offered"]
)
def test_an_application_in_progress_on_an_expired_job_keeps_its_content_up_to_a_year(status):
    in_progress = with_note(ApplicationFactory(job=expired_job(60), status=status))
    abandoned = ApplicationFactory(job=expired_job(366), status=status)
    on_a_closed_job = ApplicationFactory(job=closed_job(29), status=status)

    assert scrub_application_personal_data() == 2

    scrubbed = {a.pk for a in Application.objects.filter(personal_data_removed_at__isnull=False)}
    assert scrubbed == {abandoned.pk, on_a_closed_job.pk}
    in_progress.refresh_from_db()
    assert in_progress.cover_letter == "Ik heb drie jaar ervaring als orderpicker."
    assert ApplicationEvent.objects.get(application=in_progress).note == "Sterke kandidaat"
    assert in_progress.status == status
    # What is scrubbed while still open is ended, with no personal word in its history.
    for ended in (abandoned, on_a_closed_job):
        assert Application.objects.get(pk=ended.pk).status == "rejected"
        event = ApplicationEvent.objects.get(application=ended)
        assert (event.from_status, event.to_status, event.actor, event.note) == (
            status,
            "rejected",
            None,
            ABANDONED_NOTE,
        )


def test_the_notes_leave_the_notifications_too(client_for):
    application = ApplicationFactory(status="submitted")
    client_for(application.job.employer.user).post(
        f"/api/v1/applications/{application.pk}/transition/",
        {"status": "rejected", "note": "Was vaak ziek, zegt een oud-collega."},
        format="json",
    )
    other = ApplicationFactory(job=closed_job(60), status="rejected")
    notification_create(
        user=other.candidate.user,
        kind="x",
        title="Elsewhere",
        body="Kept",
        data={"application": str(other.pk)},
    )
    assert "ziek" in Notification.objects.get(user=application.candidate.user).body
    Job.objects.filter(pk=application.job_id).update(
        status="closed", closed_at=timezone.now() - timedelta(days=29)
    )

    assert scrub_application_personal_data() == 2

    told = Notification.objects.get(user=application.candidate.user)
    assert (told.title, told.body) == (f"{application.job.title}: rejected", "")
    assert Notification.objects.get(user=other.candidate.user).body == ""


def test_a_migration_clears_the_notifications_of_applications_scrubbed_before():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("apps.applications.migrations.0002_scrubbed_notification_bodies")
    scrubbed = ApplicationFactory(status="rejected", personal_data_removed_at=timezone.now())
    kept = ApplicationFactory(status="rejected")
    for application in (scrubbed, kept):
        notification_create(
            user=application.candidate.user,
            kind="application.status_changed",
            title="Orderpicker: rejected",
            body="Note: ziek geweest.",
            data={"application": str(application.pk)},
        )

    migration.clear_bodies(apps, None)

    assert Notification.objects.get(user=scrubbed.candidate.user).body == ""
    assert Notification.objects.get(user=kept.candidate.user).body == "Note: ziek geweest."


def test_filling_an_expired_job_keeps_its_closing_date_so_consent_lasts_a_year_from_it(
    client_for,
):
    expired_at = timezone.now() - timedelta(days=60)
    job = JobFactory(positions=1, status="expired", expires_at=expired_at, closed_at=expired_at)
    offered = ApplicationFactory(job=job, status="offered")
    consented = ApplicationFactory(job=job, status="declined", keep_data_consent=True)

    hired = client_for(offered.candidate.user).post(
        f"/api/v1/applications/{offered.pk}/transition/", {"status": "hired"}, format="json"
    )
    assert hired.status_code == 200
    job.refresh_from_db()
    assert (job.status, job.closed_at) == ("filled", expired_at)

    with time_machine.travel(expired_at + timedelta(days=366), tick=False):
        assert scrub_application_personal_data() == 1

    consented.refresh_from_db()
    assert consented.cover_letter == ""
    assert consented.personal_data_removed_at is not None
    assert Application.objects.get(pk=offered.pk).cover_letter != ""


def test_after_retention_the_employer_no_longer_sees_who_applied(client_for, actors):
    job = JobFactory(
        employer=actors["employer"].employer_profile,
        status="closed",
        closed_at=timezone.now() - timedelta(days=60),
    )
    scrubbed = ApplicationFactory(
        job=job, candidate=actors["candidate"].candidate_profile, status="rejected"
    )
    kept = ApplicationFactory(job=job, status="rejected", keep_data_consent=True)
    scrub_application_personal_data()
    anonymous: dict[str, object] = {
        "id": None,
        "first_name": "",
        "last_name": "",
        "city": "",
        "skills": [],
    }

    listed = client_for(actors["employer"]).get("/api/v1/applications/").json()["results"]
    detail = client_for(actors["employer"]).get(f"/api/v1/applications/{scrubbed.pk}/").json()
    own = client_for(actors["candidate"]).get(f"/api/v1/applications/{scrubbed.pk}/").json()
    moderated = client_for(actors["moderator"]).get(f"/api/v1/applications/{scrubbed.pk}/").json()

    by_id = {a["id"]: a["candidate"] for a in listed}
    assert by_id[str(scrubbed.pk)] == anonymous
    assert by_id[str(kept.pk)]["first_name"] == kept.candidate.first_name != ""
    assert detail["candidate"] == anonymous
    profile = actors["candidate"].candidate_profile
    for seen in (own, moderated):
        assert (seen["candidate"]["first_name"], seen["candidate"]["city"]) == (
            profile.first_name,
            profile.city,
        )
