"""Each side is told in its own language: the candidate's and the employer's may differ."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail

from apps.applications.models import Application
from apps.applications.tests.factories import ApplicationFactory
from apps.candidates.tests.factories import CandidateProfileFactory
from apps.jobs.models import MinimumWage
from apps.jobs.services import jobs_hold_below_minimum_wage
from apps.jobs.tests.factories import JobFactory
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db


def told(user):
    return [
        (n.title, n.body) for n in Notification.objects.filter(user=user).order_by("created_at")
    ]


def move(client_for, user, application, status, **extra):
    response = client_for(user).post(
        f"/api/v1/applications/{application.pk}/transition/",
        {"status": status, **extra},
        format="json",
    )
    assert response.status_code == 200, response.json()
    return response


def test_a_dutch_candidate_and_an_english_employer_each_read_their_own(
    client_for, django_capture_on_commit_callbacks
):
    job = JobFactory(
        title="Orderpicker",
        positions=1,
        hourly_wage=Decimal("15.00"),
        employer__company_name="Bakkerij Jansen",
        employer__user__preferred_language="en",
    )
    candidate = CandidateProfileFactory(
        first_name="Anna", last_name="de Vries", user__preferred_language="nl"
    )
    employer = job.employer.user

    with django_capture_on_commit_callbacks(execute=True):
        applied = client_for(candidate.user).post(
            "/api/v1/applications/", {"job": str(job.pk)}, format="json"
        )
        application = Application.objects.get(pk=applied.json()["id"])
        move(client_for, employer, application, "reviewing")
        move(client_for, employer, application, "shortlisted")
        move(client_for, employer, application, "offered", hourly_wage="16.00")
        move(client_for, candidate.user, application, "hired")

    assert told(candidate.user) == [
        (
            "Orderpicker: in behandeling",
            "Je sollicitatie op “Orderpicker” bij Bakkerij Jansen is nu: in behandeling.",
        ),
        (
            "Orderpicker: op de shortlist",
            "Je sollicitatie op “Orderpicker” bij Bakkerij Jansen is nu: op de shortlist.",
        ),
        (
            "Orderpicker: aanbod gedaan",
            "Je sollicitatie op “Orderpicker” bij Bakkerij Jansen is nu: aanbod gedaan."
            " Het aanbod: €16,00 per uur.",
        ),
    ]
    assert told(employer) == [
        ("New application for Orderpicker", "Anna de Vries applied to “Orderpicker”."),
        ("Orderpicker: hired", "Anna accepted your offer for “Orderpicker”."),
        (
            "Orderpicker is filled",
            "Every position of “Orderpicker” is filled (1); the job left search.",
        ),
    ]
    subjects = {(m.to[0], m.subject) for m in mail.outbox}
    assert (candidate.user.email, "Orderpicker: aanbod gedaan") in subjects
    assert (employer.email, "Orderpicker is filled") in subjects


@pytest.mark.parametrize(
    ("status", "moved_to", "said"),
    [
        ("offered", "declined", "Anna heeft je aanbod voor “Kok” afgeslagen."),
        ("interview", "withdrawn", "Anna heeft de sollicitatie op “Kok” ingetrokken."),
    ],
)
def test_a_dutch_employer_reads_what_the_candidate_did_in_dutch(client_for, status, moved_to, said):
    application = ApplicationFactory(
        status=status,
        offered_hourly_wage=Decimal("15.00") if status == "offered" else None,
        job__title="Kok",
        job__employer__user__preferred_language="nl",
        candidate__first_name="Anna",
    )

    move(client_for, application.candidate.user, application, moved_to)

    status_nl = {"declined": "aanbod afgeslagen", "withdrawn": "ingetrokken"}[moved_to]
    assert told(application.job.employer.user) == [(f"Kok: {status_nl}", said)]


def test_a_dutch_candidate_reads_why_the_platform_ended_the_application(client_for):
    application = ApplicationFactory(
        status="reviewing",
        job__title="Kok",
        job__employer__company_name="Hotel Zee",
        candidate__user__preferred_language="nl",
    )

    response = client_for(application.job.employer.user).post(
        f"/api/v1/jobs/{application.job_id}/close/"
    )

    assert response.status_code == 200
    assert told(application.candidate.user) == [
        (
            "Kok: afgewezen",
            "Je sollicitatie op “Kok” bij Hotel Zee is nu: afgewezen."
            " Toelichting: De werkgever heeft deze vacature gesloten.",
        )
    ]


def test_a_candidate_without_a_language_reads_english(client_for):
    application = ApplicationFactory(
        job__title="Kok",
        job__employer__company_name="Hotel Zee",
        candidate__user__preferred_language="",
    )

    move(client_for, application.job.employer.user, application, "reviewing", note="Tot maandag!")

    assert told(application.candidate.user) == [
        (
            "Kok: reviewing",
            "Your application for “Kok” at Hotel Zee is now reviewing. Note: Tot maandag!",
        )
    ]


def test_a_dutch_employer_reads_that_a_new_minimum_took_its_job_out_of_search():
    MinimumWage.objects.create(
        effective_from=date(2027, 1, 1), age=21, hourly_amount=Decimal("15.00"), source="test"
    )
    job = JobFactory(
        title="Kok",
        hourly_wage=Decimal("14.71"),
        min_age=21,
        starts_on=date(2027, 2, 1),
        employer__user__preferred_language="nl",
    )

    assert jobs_hold_below_minimum_wage() == 1

    assert told(job.employer.user) == [
        (
            "Kok: het loon is lager dan het nieuwe minimumloon",
            "Op 01-02-2027 is het wettelijk minimumloon voor deze vacature €15,00 per uur."
            " Je vacature staat niet meer in de zoekresultaten; verhoog het loon, dan"
            " publiceert een moderator de vacature opnieuw.",
        )
    ]
