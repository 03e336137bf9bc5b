"""An offer accepted after the minimum rose above it is taken at the minimum, as the law pays."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from apps.applications.models import Application, ApplicationEvent
from apps.applications.tests.factories import ApplicationFactory
from apps.jobs.models import MinimumWage
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db


def offer_then_accept(
    client_for, *, born, starts_on, wage, offered_on, accepted_on, employer_language="en"
):
    with time_machine.travel(offered_on, tick=False):
        application = ApplicationFactory(
            status="shortlisted",
            job__employer__user__preferred_language=employer_language,
            candidate__date_of_birth=born,
            job__starts_on=starts_on,
            job__hourly_wage=Decimal("20.00"),
            job__positions=1,
        )
        offered = client_for(application.job.employer.user).post(
            f"/api/v1/applications/{application.pk}/transition/",
            {"status": "offered", "hourly_wage": wage},
            format="json",
        )
        assert offered.status_code == 200, offered.json()
    with time_machine.travel(accepted_on, tick=False):
        accepted = client_for(application.candidate.user).post(
            f"/api/v1/applications/{application.pk}/transition/",
            {"status": "hired", "note": "Tot maandag!"},
            format="json",
        )
    return application, accepted


# 20 when offered the 20-year-olds' minimum; the job is under way and they are 21 at acceptance.
TURNED_21 = {
    "born": date(2005, 3, 3),
    "starts_on": date(2026, 2, 15),
    "wage": "11.77",
    "offered_on": date(2026, 2, 1),
    "accepted_on": date(2026, 3, 10),
}


def test_a_worker_who_turned_21_meanwhile_is_hired_at_the_adult_minimum(client_for):
    application, accepted = offer_then_accept(client_for, **TURNED_21)

    assert accepted.status_code == 200
    assert accepted.json()["status"] == "hired"
    assert accepted.json()["offered_hourly_wage"] == "14.71"
    assert Application.objects.get(pk=application.pk).offered_hourly_wage == Decimal("14.71")
    why = (
        "The offer of €11.77 an hour is below the statutory minimum wage for this candidate"
        " (aged 21 on 10-03-2026), €14.71; the hire is at €14.71. Tot maandag!"
    )
    event = ApplicationEvent.objects.filter(application=application).latest("created_at")
    assert (event.to_status, event.note) == ("hired", why)
    told = Notification.objects.get(
        user=application.job.employer.user, kind="application.status_changed"
    )
    assert told.body.endswith(f"Note: {why}")


def test_a_dutch_employer_reads_why_in_dutch_while_the_history_keeps_one_text(client_for):
    application, accepted = offer_then_accept(client_for, **TURNED_21, employer_language="nl")

    assert accepted.status_code == 200
    told = Notification.objects.get(
        user=application.job.employer.user, kind="application.status_changed"
    )
    assert told.body == (
        f"{application.candidate.first_name} heeft je aanbod voor “{application.job.title}”"
        " aangenomen. Toelichting: Het aanbod van €11,77 per uur is lager dan het wettelijk"
        " minimumloon voor deze kandidaat (21 jaar op 10-03-2026), €14,71; de aanname is"
        " tegen €14,71. Tot maandag!"
    )
    event = ApplicationEvent.objects.filter(application=application).latest("created_at")
    assert event.note.startswith("The offer of €11.77 an hour is below the statutory minimum")


def test_an_offer_still_fair_at_acceptance_is_taken_as_it_is(client_for):
    application, accepted = offer_then_accept(
        client_for,
        born=date(2005, 3, 3),
        starts_on=date(2026, 2, 15),
        wage="15.00",
        offered_on=date(2026, 2, 1),
        accepted_on=date(2026, 3, 10),
    )

    assert accepted.status_code == 200
    assert accepted.json()["offered_hourly_wage"] == "15.00"
    event = ApplicationEvent.objects.filter(application=application).latest("created_at")
    assert event.note == "Tot maandag!"


def test_an_offer_accepted_after_a_new_rate_took_effect_is_hired_at_the_new_rate(client_for):
    MinimumWage.objects.create(
        effective_from=date(2027, 1, 1), age=21, hourly_amount=Decimal("15.00"), source="test"
    )
    # Fair in December at 2026's rate; the job is under way when the offer is accepted.
    application, accepted = offer_then_accept(
        client_for,
        born=date(1990, 5, 5),
        starts_on=date(2026, 12, 14),
        wage="14.71",
        offered_on=date(2026, 12, 1),
        accepted_on=date(2027, 1, 4),
    )

    assert accepted.status_code == 200
    assert accepted.json()["offered_hourly_wage"] == "15.00"
    event = ApplicationEvent.objects.filter(application=application).latest("created_at")
    assert event.note.startswith("The offer of €14.71 an hour is below the statutory minimum")
