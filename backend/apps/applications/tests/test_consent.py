"""A candidate gives or withdraws consent to keep their application's content (GDPR)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.applications.models import Application, ApplicationEvent
from apps.applications.tests.factories import ApplicationFactory, with_note
from apps.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

LETTER = "Ik heb drie jaar ervaring als orderpicker."


def url(application) -> str:
    return f"/api/v1/applications/{application.pk}/"


def closed_job(days_ago: int):
    return JobFactory(status="closed", closed_at=timezone.now() - timedelta(days=days_ago))


def application_on(job, **fields):
    return with_note(ApplicationFactory(job=job, cover_letter=LETTER, **fields))


def consent(client_for, application, body):
    return client_for(application.candidate.user).patch(url(application), body, format="json")


def test_a_candidate_gives_consent_after_applying(client_for):
    application = application_on(JobFactory())

    response = consent(client_for, application, {"keep_data_consent": True})

    assert response.status_code == 200
    assert response.json()["keep_data_consent"] is True
    assert response.json()["cover_letter"] == LETTER
    assert Application.objects.get(pk=application.pk).keep_data_consent is True


def test_withdrawn_while_the_job_is_open_the_content_stays_for_now(client_for):
    application = application_on(JobFactory(), keep_data_consent=True)

    response = consent(client_for, application, {"keep_data_consent": False})

    assert response.status_code == 200
    stored = Application.objects.get(pk=application.pk)
    assert (stored.keep_data_consent, stored.cover_letter) == (False, LETTER)
    assert stored.personal_data_removed_at is None


def test_withdrawn_four_weeks_after_the_job_closed_the_content_goes_at_once(client_for):
    application = application_on(closed_job(60), status="rejected", keep_data_consent=True)
    other = application_on(closed_job(60), status="rejected", keep_data_consent=True)

    response = consent(client_for, application, {"keep_data_consent": False})

    assert response.status_code == 200
    assert response.json()["cover_letter"] == ""
    stored = Application.objects.get(pk=application.pk)
    assert (stored.keep_data_consent, stored.cover_letter, stored.status) == (
        False,
        "",
        "rejected",
    )
    assert stored.personal_data_removed_at is not None
    assert list(
        ApplicationEvent.objects.filter(application=stored).values_list("note", flat=True)
    ) == [""]
    kept = Application.objects.get(pk=other.pk)  # judged on its own consent, still given
    assert (kept.cover_letter, kept.personal_data_removed_at) == (LETTER, None)


def test_withdrawn_from_a_hired_application_the_content_stays(client_for):
    application = application_on(closed_job(60), status="hired", keep_data_consent=True)

    response = consent(client_for, application, {"keep_data_consent": False})

    assert response.status_code == 200
    assert Application.objects.get(pk=application.pk).cover_letter == LETTER


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"keep_data_consent": "maybe"},
        {"keep_data_consent": None},
        {"keep_data_consent": True, "status": "hired"},
    ],
    ids=["missing", "not-a-boolean", "null", "unknown-field"],
)
def test_a_bad_body_is_a_400_and_changes_nothing(client_for, body):
    application = application_on(JobFactory())

    response = consent(client_for, application, body)

    assert response.status_code == 400
    stored = Application.objects.get(pk=application.pk)
    assert (stored.keep_data_consent, stored.status, stored.cover_letter) == (
        False,
        application.status,
        LETTER,
    )


def test_consent_given_after_the_content_went_is_a_409(client_for):
    application = application_on(closed_job(60), status="rejected")
    consent(client_for, application, {"keep_data_consent": False})  # goes at once
    removed = Application.objects.get(pk=application.pk)

    response = consent(client_for, application, {"keep_data_consent": True})

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "personal_data_removed"
    stored = Application.objects.get(pk=application.pk)
    assert (stored.keep_data_consent, stored.updated_at) == (False, removed.updated_at)
