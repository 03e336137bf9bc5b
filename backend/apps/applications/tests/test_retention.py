from datetime import timedelta

import pytest
from django.utils import timezone

from apps.applications.models import Application, ApplicationEvent
from apps.applications.tasks import scrub_application_personal_data
from apps.applications.tests.factories import ApplicationFactory
from apps.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def closed_job(days_ago: int):
    return JobFactory(status="closed", closed_at=timezone.now() - timedelta(days=days_ago))


def with_note(application):
    ApplicationEvent.objects.create(
        application=application,
        from_status="submitted",
        to_status=application.status,
        note="Sterke kandidaat",
    )
    return application


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
