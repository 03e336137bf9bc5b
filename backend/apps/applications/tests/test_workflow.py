"""Every move of the contract's table, allowed and refused, for each side."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from apps.applications import services
from apps.applications.models import Application, ApplicationEvent
from apps.applications.tests.factories import ApplicationFactory
from apps.core.exceptions import Conflict
from apps.notifications.models import Notification

ALL = [s.value for s in Application.Status]
# The contract's table (api.md, "Applications"), written out here rather than read
# from the code it checks: (from, side) -> the statuses that side may move it to.
CONTRACT = {
    ("submitted", "employer"): {"reviewing", "rejected"},
    ("submitted", "candidate"): {"withdrawn"},
    ("reviewing", "employer"): {"shortlisted", "rejected"},
    ("reviewing", "candidate"): {"withdrawn"},
    ("shortlisted", "employer"): {"interview", "offered", "rejected"},
    ("shortlisted", "candidate"): {"withdrawn"},
    ("interview", "employer"): {"offered", "rejected"},
    ("interview", "candidate"): {"withdrawn"},
    ("offered", "employer"): {"rejected"},
    ("offered", "candidate"): {"hired", "declined"},
}
CASES = [
    (start, side, target, target in CONTRACT.get((start, side), set()))
    for start in ALL
    for side in ("employer", "candidate")
    for target in ALL
]


def url(application, suffix="transition/"):
    return f"/api/v1/applications/{application.pk}/{suffix}"


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "side", "target", "allowed"), CASES)
def test_the_transition_table(client_for, start, side, target, allowed):
    application = ApplicationFactory(status=start, job__hourly_wage=Decimal("16.00"))
    actor = application.job.employer.user if side == "employer" else application.candidate.user

    response = client_for(actor).post(
        url(application), {"status": target, "note": "ok"}, format="json"
    )

    application.refresh_from_db()
    if allowed:
        assert response.status_code == 200, response.json()
        assert application.status == target
        event = ApplicationEvent.objects.get(application=application)
        assert (event.from_status, event.to_status, event.actor, event.note) == (
            start,
            target,
            actor,
            "ok",
        )
        other_side = (
            application.candidate.user if side == "employer" else application.job.employer.user
        )
        assert Notification.objects.filter(user=other_side).exists()
    else:
        assert response.status_code == 409
        assert response.json()["errors"][0]["code"] == "invalid_transition"
        assert application.status == start
        assert not ApplicationEvent.objects.exists()


@pytest.mark.django_db
def test_an_unknown_status_is_a_400(client_for):
    application = ApplicationFactory()

    response = client_for(application.job.employer.user).post(
        url(application), {"status": "promoted"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "status"


@pytest.mark.django_db
def test_a_note_of_100000_characters_is_a_400(client_for):
    application = ApplicationFactory()

    response = client_for(application.job.employer.user).post(
        url(application), {"status": "reviewing", "note": "x" * 100_000}, format="json"
    )

    assert response.status_code == 400
    assert Application.objects.get().status == "submitted"


@pytest.mark.django_db
def test_another_employer_acting_gets_a_404(actors, client_for):
    application = ApplicationFactory()

    response = client_for(actors["other_employer"]).post(
        url(application), {"status": "reviewing"}, format="json"
    )

    assert response.status_code == 404
    assert Application.objects.get().status == "submitted"


@pytest.mark.django_db
def test_another_candidates_application_is_a_404(actors, client_for):
    application = ApplicationFactory()

    for suffix in ("", "events/", "transition/"):
        method = "post" if suffix == "transition/" else "get"
        response = getattr(client_for(actors["other_candidate"]), method)(
            url(application, suffix), {"status": "withdrawn"}, format="json"
        )
        assert response.status_code == 404
    assert Application.objects.get().status == "submitted"


# Fair offers: the candidate's age on the job's start date decides the minimum.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("born", "starts_on", "wage", "ok"),
    [
        (date(1990, 1, 1), date(2026, 3, 2), "14.71", True),
        (date(1990, 1, 1), date(2026, 3, 2), "14.70", False),
        (date(2008, 5, 1), date(2026, 3, 2), "7.36", True),  # 17 on the start date
        (date(2008, 5, 1), date(2026, 3, 2), "5.80", False),
        (
            date(2005, 3, 1),
            date(2026, 3, 2),
            "14.71",
            True,
        ),  # turns 21 the day before the start date
        (date(2005, 3, 1), date(2026, 3, 2), "14.70", False),
        (date(2005, 3, 2), date(2026, 3, 2), "14.71", True),  # turns 21 on the start date
        (date(2005, 3, 2), date(2026, 3, 2), "14.70", False),
        (date(2005, 3, 3), date(2026, 3, 2), "11.77", True),  # still 20 on the start date
        (None, date(2026, 3, 2), "11.77", False),  # age unknown: the adult minimum
    ],
)
def test_an_offer_is_never_below_the_minimum_for_the_candidates_age(
    client_for, born, starts_on, wage, ok
):
    with time_machine.travel(date(2026, 2, 1), tick=False):  # before the start date
        application = ApplicationFactory(
            status="shortlisted",
            candidate__date_of_birth=born,
            job__starts_on=starts_on,
            job__hourly_wage=Decimal("20.00"),
        )
        response = client_for(application.job.employer.user).post(
            url(application), {"status": "offered", "hourly_wage": wage}, format="json"
        )

    application.refresh_from_db()
    if ok:
        assert response.status_code == 200, response.json()
        assert response.json()["offered_hourly_wage"] == wage
        assert application.offered_hourly_wage == Decimal(wage)
    else:
        assert response.status_code == 400
        assert response.json()["errors"][0]["code"] == "below_minimum_wage"
        assert application.status == "shortlisted"


@pytest.mark.django_db
def test_an_offer_defaults_to_the_jobs_wage_and_the_candidate_sees_it(client_for):
    application = ApplicationFactory(status="interview", job__hourly_wage=Decimal("16.25"))
    client_for(application.job.employer.user).post(
        url(application), {"status": "offered"}, format="json"
    )

    response = client_for(application.candidate.user).get(url(application, ""))

    assert response.json()["offered_hourly_wage"] == "16.25"


@pytest.mark.django_db
def test_a_wage_without_an_offer_is_refused(client_for):
    application = ApplicationFactory()

    response = client_for(application.job.employer.user).post(
        url(application), {"status": "reviewing", "hourly_wage": "20.00"}, format="json"
    )

    assert response.status_code == 400
    assert Application.objects.get().status == "submitted"


@pytest.mark.django_db
def test_both_sides_see_the_whole_history(client_for):
    application = ApplicationFactory(status="submitted")
    employer, candidate = application.job.employer.user, application.candidate.user
    client_for(employer).post(
        url(application), {"status": "reviewing", "note": "Looks good"}, format="json"
    )
    client_for(candidate).post(
        url(application), {"status": "withdrawn", "note": "Found another job"}, format="json"
    )

    for user in (employer, candidate):
        page = client_for(user).get(url(application, "events/")).json()
        assert (page["count"], page["next"], page["previous"]) == (2, None, None)
        events = page["results"]
        assert [(e["from_status"], e["to_status"], e["actor"], e["note"]) for e in events] == [
            ("submitted", "reviewing", "employer", "Looks good"),
            ("reviewing", "withdrawn", "candidate", "Found another job"),
        ]

    second = client_for(candidate).get(url(application, "events/"), {"page_size": 1, "page": 2})
    assert [e["to_status"] for e in second.json()["results"]] == ["withdrawn"]


@pytest.mark.django_db(transaction=True)
def test_two_racing_moves_cannot_both_apply(race):
    application = ApplicationFactory(status="offered")
    candidate_user = application.candidate.user
    employer_user = application.job.employer.user

    def move(actor, status) -> str:
        services.application_transition(application=application, actor=actor, to_status=status)
        return status

    outcomes = race(
        lambda: move(candidate_user, "declined"), lambda: move(employer_user, "rejected")
    )
    outcomes = ["conflict" if isinstance(o, Conflict) else o for o in outcomes]

    assert outcomes.count("conflict") == 1
    final = Application.objects.get().status
    assert final in {"declined", "rejected"}
    assert [e.to_status for e in ApplicationEvent.objects.all()] == [final]


@pytest.mark.django_db
def test_an_offer_for_a_job_already_under_way_uses_the_age_today(client_for):
    with time_machine.travel(date(2026, 6, 1), tick=False):
        application = ApplicationFactory(
            status="shortlisted",
            candidate__date_of_birth=date(2005, 5, 1),  # 20 on the start date, 21 today
            job__starts_on=date(2026, 4, 1),
            job__hourly_wage=Decimal("20.00"),
            job__expires_at=timezone.now() + timedelta(days=10),
        )
        response = client_for(application.job.employer.user).post(
            f"/api/v1/applications/{application.pk}/transition/",
            {"status": "offered", "hourly_wage": "12.00"},
            format="json",
        )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "below_minimum_wage"
    assert Application.objects.get().status == "shortlisted"


@pytest.mark.django_db
def test_a_later_start_date_cannot_leave_an_open_offer_below_the_minimum(client_for):
    with time_machine.travel(date(2026, 2, 1), tick=False):
        application = ApplicationFactory(
            status="offered",
            offered_hourly_wage=Decimal("11.77"),  # lawful at 20
            candidate__date_of_birth=date(2005, 3, 3),  # 20 on 2 March, 21 on 10 March
            job__starts_on=date(2026, 3, 2),
            job__hourly_wage=Decimal("20.00"),
        )
        client = client_for(application.job.employer.user)
        later = client.patch(
            f"/api/v1/jobs/{application.job_id}/", {"starts_on": "2026-03-10"}, format="json"
        )
        sooner = client.patch(
            f"/api/v1/jobs/{application.job_id}/", {"starts_on": "2026-02-27"}, format="json"
        )

    assert later.status_code == 400
    assert later.json()["errors"][0]["attr"] == "starts_on"
    assert later.json()["errors"][0]["code"] == "below_minimum_wage"
    assert "€14.71" in later.json()["errors"][0]["detail"]
    assert sooner.status_code == 200
    application.refresh_from_db()
    assert application.job.starts_on == date(2026, 2, 27)
