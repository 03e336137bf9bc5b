import pytest

from apps.applications.models import Application, ApplicationEvent
from apps.applications.tests.factories import ApplicationFactory
from apps.candidates.tests.factories import CandidateProfileFactory
from apps.jobs.tests.factories import JobFactory
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/applications/"


def test_a_candidate_lists_only_their_own(actors, client_for, django_assert_max_num_queries):
    mine = [ApplicationFactory(candidate=actors["candidate"].candidate_profile) for _ in range(3)]
    ApplicationFactory()
    client = client_for(actors["candidate"])

    with django_assert_max_num_queries(4):
        response = client.get(URL)

    assert sorted(row["id"] for row in response.json()["results"]) == sorted(
        str(a.pk) for a in mine
    )
    assert response.json()["results"][0]["job"]["employer"]["company_name"]


def test_an_employer_lists_applications_to_its_jobs_filtered(
    actors, client_for, django_assert_max_num_queries
):
    employer = actors["employer"].employer_profile
    job_a, job_b = JobFactory(employer=employer), JobFactory(employer=employer)
    wanted = ApplicationFactory(job=job_a, status="reviewing")
    ApplicationFactory(job=job_a, status="submitted")
    ApplicationFactory(job=job_b, status="reviewing")
    ApplicationFactory(status="reviewing")
    for _ in range(10):
        ApplicationFactory(job=job_a, status="reviewing", candidate=CandidateProfileFactory())
    client = client_for(actors["employer"])

    with django_assert_max_num_queries(4):
        response = client.get(URL, {"job": str(job_a.pk), "status": "reviewing", "page_size": 50})

    ids = [row["id"] for row in response.json()["results"]]
    assert len(ids) == 11
    assert str(wanted.pk) in ids
    assert {row["candidate"]["city"] for row in response.json()["results"]} == {"Utrecht"}


@pytest.mark.parametrize("params", [{"status": "maybe"}, {"job": "nope"}])
def test_bad_filters_are_a_400(actors, client_for, params):
    response = client_for(actors["employer"]).get(URL, params)

    assert response.status_code == 400


def test_an_employer_sees_the_full_profile_of_a_candidate_who_applied(actors, client_for):
    candidate = CandidateProfileFactory(is_discoverable=False, last_name="de Boer")
    client = client_for(actors["employer"])
    assert client.get(f"/api/v1/candidates/{candidate.pk}/").status_code == 404

    ApplicationFactory(
        candidate=candidate, job=JobFactory(employer=actors["employer"].employer_profile)
    )
    response = client.get(f"/api/v1/candidates/{candidate.pk}/")

    assert response.status_code == 200
    assert response.json()["last_name"] == "de Boer"
    assert response.json()["email"] == candidate.user.email
    assert (
        client_for(actors["other_employer"]).get(f"/api/v1/candidates/{candidate.pk}/").status_code
        == 404
    )


def test_a_suspended_employer_no_longer_reaches_its_applicants(client_for):
    application = ApplicationFactory(candidate__is_discoverable=False)
    employer = application.job.employer
    client = client_for(employer.user)
    assert client.get(f"/api/v1/candidates/{application.candidate.pk}/").status_code == 200
    employer.verification_status = "suspended"
    employer.save(update_fields=["verification_status"])

    profile = client.get(f"/api/v1/candidates/{application.candidate.pk}/")
    move = client.post(
        f"/api/v1/applications/{application.pk}/transition/",
        {"status": "reviewing", "note": "app me"},
        format="json",
    )
    listing = client.get("/api/v1/applications/")

    assert (profile.status_code, move.status_code) == (404, 404)
    assert listing.json()["count"] == 0
    assert Application.objects.get().status == "submitted"


def test_a_withdrawn_applicant_is_private_again(client_for):
    application = ApplicationFactory(status="withdrawn", candidate__is_discoverable=False)

    response = client_for(application.job.employer.user).get(
        f"/api/v1/candidates/{application.candidate.pk}/"
    )

    assert response.status_code == 404


def test_the_history_takes_the_same_few_queries_however_long(
    actors, client_for, django_assert_max_num_queries
):
    application = ApplicationFactory(candidate=actors["candidate"].candidate_profile)
    for _ in range(12):
        ApplicationEvent.objects.create(
            application=application,
            from_status="submitted",
            to_status="reviewing",
            actor=UserFactory(user_type="employer"),
        )
    client = client_for(actors["candidate"])

    with django_assert_max_num_queries(4):
        response = client.get(f"{URL}{application.pk}/events/", {"page_size": 20})

    assert response.json()["count"] == 12
    assert {event["actor"] for event in response.json()["results"]} == {"employer"}
