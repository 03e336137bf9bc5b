import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.gis.geos import Point
from django.utils import timezone

from apps.core.geo import point
from apps.employers.models import EmployerProfile
from apps.employers.tests.factories import ApprovedEmployerFactory
from apps.jobs.models import Job
from apps.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/jobs/"
UTRECHT = (52.0907, 5.1214)


def east_of_utrecht(km: float) -> Point:
    """A point `km` east of Utrecht, placed in the Dutch national grid (RD New, metres).

    RD's scale error is about 0.01 %, so this distance is known independently of PostGIS.
    """
    origin = Point(UTRECHT[1], UTRECHT[0], srid=4326)
    rd = origin.transform(28992, clone=True)
    moved = Point(rd.x + km * 1000, rd.y, srid=28992)
    moved.transform(4326)
    return point(latitude=moved.y, longitude=moved.x)


def ids(response) -> list[str]:
    return [job["id"] for job in response.json()["results"]]


def test_a_job_at_24_9_km_is_in_a_25_km_search_and_one_at_25_1_km_is_not(api_client):
    inside = JobFactory(location=east_of_utrecht(24.9))
    outside = JobFactory(location=east_of_utrecht(25.1))

    response = api_client.get(URL, {"lat": UTRECHT[0], "lon": UTRECHT[1], "radius_km": 25})

    assert response.status_code == 200
    assert ids(response) == [str(inside.pk)]
    assert response.json()["results"][0]["distance_km"] == pytest.approx(24.9, abs=0.05)
    assert str(outside.pk) not in ids(response)


def test_the_default_radius_is_25_km_and_ordering_by_distance(api_client):
    far = JobFactory(location=east_of_utrecht(20))
    near = JobFactory(location=east_of_utrecht(2))
    middle = JobFactory(location=east_of_utrecht(10))
    JobFactory(location=east_of_utrecht(30))

    response = api_client.get(URL, {"lat": UTRECHT[0], "lon": UTRECHT[1]})

    assert ids(response) == [str(near.pk), str(middle.pk), str(far.pk)]
    assert [job["distance_km"] for job in response.json()["results"]] == pytest.approx(
        [2, 10, 20], abs=0.05
    )


def test_without_a_point_there_is_no_distance(api_client):
    JobFactory()

    response = api_client.get(URL)

    assert "distance_km" not in response.json()["results"][0]


@pytest.mark.parametrize(
    ("title", "description", "q"),
    [
        ("Heftruckchauffeurs gezocht", "Rijden met de heftruck in het magazijn.", "heftruck"),
        ("Orderpickers", "Orderpicken in de nachtdienst.", "orderpicker"),
        ("Forklift drivers wanted", "Night shifts in a cold store.", "driver"),
        ("Bediening in strandpaviljoen", "Zomerwerk aan zee.", "strandpaviljoens"),
        ("Cleaning offices", "Evenings, cleaning offices in Utrecht.", "clean"),
        ("Magazijnmedewerker", "Inpakken en verzenden.", "magazjnmedewerker"),
        ("Schoonmaker", "Kantoren schoonmaken.", "schoonmaakr"),
    ],
)
def test_full_text_in_dutch_and_english_with_typos(api_client, title, description, q):
    wanted = JobFactory(title=title, description=description)
    JobFactory(
        title="Kassamedewerker supermarkt", description="Vakkenvullen en kassa.", category="retail"
    )

    response = api_client.get(URL, {"q": q})

    assert ids(response) == [str(wanted.pk)]


def test_relevance_puts_title_matches_before_description_matches(api_client):
    in_description = JobFactory(
        title="Productiemedewerker", description="Soms ook heftruck rijden."
    )
    in_title = JobFactory(title="Heftruck chauffeur", description="Rijden in het magazijn.")

    response = api_client.get(URL, {"q": "heftruck"})

    assert ids(response) == [str(in_title.pk), str(in_description.pk)]


def test_filters(api_client):
    today = timezone.localdate()
    employer = ApprovedEmployerFactory()
    match = JobFactory(
        employer=employer,
        hourly_wage=Decimal("17.00"),
        employment_type="shift",
        category="hospitality",
        starts_on=today + timedelta(days=10),
    )
    JobFactory(
        employer=employer,
        hourly_wage=Decimal("14.80"),
        employment_type="shift",
        category="hospitality",
        starts_on=today + timedelta(days=10),
    )
    JobFactory(
        employer=employer,
        hourly_wage=Decimal("17.00"),
        employment_type="full_time",
        category="hospitality",
        starts_on=today + timedelta(days=10),
    )
    JobFactory(
        employer=employer,
        hourly_wage=Decimal("17.00"),
        employment_type="shift",
        category="retail",
        starts_on=today + timedelta(days=10),
    )
    JobFactory(
        employer=employer,
        hourly_wage=Decimal("17.00"),
        employment_type="shift",
        category="hospitality",
        starts_on=today + timedelta(days=40),
    )
    JobFactory(
        hourly_wage=Decimal("17.00"),
        employment_type="shift",
        category="hospitality",
        starts_on=today + timedelta(days=10),
    )

    response = api_client.get(
        URL,
        {
            "min_wage": "16.00",
            "employment_type": ["shift", "part_time"],
            "category": "hospitality",
            "starts_after": str(today + timedelta(days=5)),
            "starts_before": str(today + timedelta(days=20)),
            "employer": str(employer.pk),
        },
    )

    assert response.status_code == 200
    assert ids(response) == [str(match.pk)]


def test_the_wage_and_date_filters_include_their_boundaries(api_client):
    day = timezone.localdate() + timedelta(days=10)
    on_the_day = JobFactory(hourly_wage=Decimal("17.00"), starts_on=day)
    JobFactory(hourly_wage=Decimal("16.99"), starts_on=day)
    JobFactory(hourly_wage=Decimal("17.00"), starts_on=day - timedelta(days=1))
    JobFactory(hourly_wage=Decimal("17.00"), starts_on=day + timedelta(days=1))

    response = api_client.get(
        URL, {"min_wage": "17.00", "starts_after": str(day), "starts_before": str(day)}
    )

    assert ids(response) == [str(on_the_day.pk)]


def test_orderings(api_client):
    now = timezone.now()
    cheap_new = JobFactory(hourly_wage=Decimal("15.00"), published_at=now)
    rich_old = JobFactory(hourly_wage=Decimal("19.00"), published_at=now - timedelta(days=3))
    mid = JobFactory(hourly_wage=Decimal("17.00"), published_at=now - timedelta(days=1))

    newest = api_client.get(URL, {"ordering": "-published_at"})
    richest = api_client.get(URL, {"ordering": "-hourly_wage"})

    assert ids(newest) == [str(cheap_new.pk), str(mid.pk), str(rich_old.pk)]
    assert ids(richest) == [str(rich_old.pk), str(mid.pk), str(cheap_new.pk)]


@pytest.mark.parametrize("q", ["in is", "was", "!", " - ", '""'])
def test_words_that_say_nothing_search_as_no_words(api_client, q):
    now = timezone.now()
    older = JobFactory(title="Schoonmaker", published_at=now - timedelta(days=1))
    newer = JobFactory(title="Heftruckchauffeur", published_at=now)

    response = api_client.get(URL, {"q": q})
    by_relevance = api_client.get(URL, {"q": q, "ordering": "relevance"})

    assert response.status_code == 200
    assert ids(response) == [str(newer.pk), str(older.pk)]
    assert response.json()["count"] == 2
    assert by_relevance.status_code == 200
    assert ids(by_relevance) == [str(newer.pk), str(older.pk)]


def test_a_stop_word_of_one_language_is_a_word_of_the_other(api_client):
    # `door` is a Dutch stop word (through) and an English word: looked for as English reads it.
    door = JobFactory(title="Door installer", description="Fitting doors in new houses.")
    unrelated = JobFactory(title="Schoonmaker", description="Kantoren schoonmaken.")

    response = api_client.get(URL, {"q": "door"})

    assert ids(response)[0] == str(door.pk)
    assert str(unrelated.pk) not in ids(response)


def test_a_stop_word_beside_a_word_is_left_out(api_client):
    match = JobFactory(title="Schoonmaker")
    JobFactory(title="Heftruckchauffeur")

    response = api_client.get(URL, {"q": "de schoonmaker"})

    assert ids(response) == [str(match.pk)]


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": "draft"},
        {"status": "pending_review"},
        {"status": "rejected"},
        {"status": "closed"},
        {"status": "filled"},
        {"status": "expired"},
        {"expires_at": timezone.now() - timedelta(minutes=1)},
    ],
)
def test_jobs_that_are_not_open_are_hidden(api_client, overrides):
    JobFactory(**overrides)
    shown = JobFactory()

    assert ids(api_client.get(URL)) == [str(shown.pk)]
    assert ids(api_client.get(URL, {"lat": 52.09, "lon": 5.12})) == [str(shown.pk)]
    assert ids(api_client.get(URL, {"q": "orderpicker"})) == [str(shown.pk)]


@pytest.mark.parametrize(
    "status",
    # Every status but approved, from the model: search's SQL writes them out.
    [s for s in EmployerProfile.VerificationStatus.values if s != "approved"],
)
def test_jobs_of_employers_that_are_not_approved_are_hidden(api_client, status):
    JobFactory(employer=ApprovedEmployerFactory(verification_status=status))
    shown = JobFactory()

    assert ids(api_client.get(URL)) == [str(shown.pk)]
    assert ids(api_client.get(URL, {"lat": 52.09, "lon": 5.12})) == [str(shown.pk)]


def test_suspending_an_employer_removes_its_jobs_from_cached_search(
    api_client, client_for, actors, django_capture_on_commit_callbacks
):
    job = JobFactory()
    assert ids(api_client.get(URL)) == [str(job.pk)]

    with django_capture_on_commit_callbacks(execute=True):
        client_for(actors["moderator"]).post(
            f"/api/v1/moderation/employers/{job.employer.pk}/suspend/",
            {"reason": "Scam reports."},
            format="json",
        )

    assert ids(api_client.get(URL)) == []


def test_closing_a_job_removes_it_from_cached_search(
    api_client, client_for, django_capture_on_commit_callbacks
):
    job = JobFactory()
    other = JobFactory()
    assert set(ids(api_client.get(URL))) == {str(job.pk), str(other.pk)}

    with django_capture_on_commit_callbacks(execute=True):
        client_for(job.employer.user).post(f"/api/v1/jobs/{job.pk}/close/")

    assert ids(api_client.get(URL)) == [str(other.pk)]


def test_a_cached_answer_is_not_served_past_a_jobs_expiry(api_client):
    soon = JobFactory(expires_at=timezone.now() + timedelta(seconds=1.5))
    other = JobFactory()
    assert set(ids(api_client.get(URL))) == {str(soon.pk), str(other.pk)}

    time.sleep(1.6)  # Redis keeps time by the real clock

    assert ids(api_client.get(URL)) == [str(other.pk)]
    assert Job.objects.get(pk=soon.pk).status == "published"  # the task has not run


def test_anonymous_answers_come_from_the_cache(api_client, django_assert_num_queries):
    JobFactory()
    first = api_client.get(URL, {"q": "orderpicker"})

    with django_assert_num_queries(0):
        second = api_client.get(URL, {"q": "orderpicker"})

    assert second.json() == first.json()


@pytest.mark.parametrize("page_size", [1, 20, 100])
def test_a_page_costs_the_same_number_of_queries_whatever_its_size(
    client_for, actors, page_size, django_assert_max_num_queries
):
    for _ in range(30):
        JobFactory()
    client = client_for(actors["candidate"])  # signed in: not served from the cache

    with django_assert_max_num_queries(4):
        response = client.get(
            URL, {"page_size": page_size, "lat": UTRECHT[0], "lon": UTRECHT[1], "q": "orderpicker"}
        )

    assert len(response.json()["results"]) == min(page_size, 30)


@pytest.mark.parametrize(
    ("params", "attr"),
    [
        ({"radius_km": 10}, "radius_km"),
        ({"lat": 52.1}, "lon"),
        ({"lat": 91, "lon": 5}, "lat"),
        ({"lat": 52, "lon": 181}, "lon"),
        ({"lat": 52, "lon": 5, "radius_km": 251}, "radius_km"),
        ({"lat": 52, "lon": 5, "radius_km": 0}, "radius_km"),
        ({"min_wage": "veel"}, "min_wage"),
        ({"ordering": "cheapest"}, "ordering"),
        ({"ordering": "distance"}, "ordering"),
        ({"employment_type": "slavery"}, "employment_type.0"),
        ({"category": "mining"}, "category"),
        ({"starts_after": "tomorrow"}, "starts_after"),
        ({"employer": "not-a-uuid"}, "employer"),
        ({"q": "x" * 10_000}, "q"),
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page": " 2"}, "page"),
        ({"page": "²"}, "page"),
        ({"page": "1" * 5000}, "page"),
    ],
)
def test_bad_search_input_is_a_400(api_client, params, attr):
    response = api_client.get(URL, params)

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == attr


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("category=logistics&category=cleaning", "category"),
        ("lat=52&lat=53&lon=5", "lat"),
        ("q=&q=orderpicker", "q"),
        ("ordering=-hourly_wage&ordering=-published_at", "ordering"),
        ("page=1&page=2", "page"),
        ("page_size=5&page_size=50", "page_size"),
    ],
)
def test_a_parameter_that_takes_one_value_given_twice_is_a_400(api_client, query, name):
    # Which of the two was meant? Taking the last silently searched for something else.
    JobFactory()

    response = api_client.get(f"{URL}?{query}")

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "code": "repeated",
            "detail": f"Give {name} once; only employment_type may be repeated.",
            "attr": name,
        }
    ]


def test_employment_type_may_be_repeated(api_client):
    shift = JobFactory(employment_type="shift")
    JobFactory(employment_type="full_time")
    temporary = JobFactory(employment_type="temporary")

    response = api_client.get(f"{URL}?employment_type=shift&employment_type=temporary")

    assert response.status_code == 200
    assert set(ids(response)) == {str(shift.pk), str(temporary.pk)}


def test_a_page_past_the_end_is_empty(api_client):
    JobFactory()

    response = api_client.get(URL, {"page": 5})

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["results"], body["next"]) == (1, [], None)
    assert body["previous"] == "http://testserver/api/v1/jobs/?page=1"


@pytest.mark.parametrize(
    ("params", "served"),
    [
        ({"page": 500}, True),
        ({"page": 501}, False),
        ({"page": 10_000_000}, False),
        ({"page": 100, "page_size": 100}, True),
        ({"page": 101, "page_size": 100}, False),
    ],
)
def test_pages_past_the_first_ten_thousand_jobs_are_a_400(
    api_client, django_assert_max_num_queries, params, served
):
    JobFactory()

    with django_assert_max_num_queries(10 if served else 0):
        response = api_client.get(URL, params)

    if served:
        assert response.status_code == 200
        assert (response.json()["count"], response.json()["results"]) == (1, [])
    else:
        assert response.status_code == 400
        assert response.json()["errors"][0] == {
            "code": "page_too_deep",
            "detail": "Only the first 10,000 jobs of a search are shown; narrow the search.",
            "attr": "page",
        }


def test_the_public_view_of_a_job(api_client):
    job = JobFactory()

    body = api_client.get(URL).json()["results"][0]

    assert body["employer"] == {
        "id": str(job.employer.pk),
        "company_name": job.employer.company_name,
        "is_verified": True,
    }
    assert body["hourly_wage"] == "15.50"
    assert (body["latitude"], body["longitude"]) == (52.0907, 5.1214)
    assert "risk_flags" not in body


def test_a_cached_answer_is_served_only_to_its_scheme_and_host(api_client, settings):
    settings.ALLOWED_HOSTS = ["localhost", "api.example.nl"]
    JobFactory.create_batch(2)
    query = {"page_size": 1}

    first = api_client.get(URL, query, HTTP_HOST="localhost")
    other_host = api_client.get(URL, query, HTTP_HOST="api.example.nl")
    other_scheme = api_client.get(URL, query, HTTP_HOST="api.example.nl", secure=True)

    assert first.json()["next"] == "http://localhost/api/v1/jobs/?page=2&page_size=1"
    assert other_host.json()["next"] == "http://api.example.nl/api/v1/jobs/?page=2&page_size=1"
    assert other_scheme.json()["next"] == "https://api.example.nl/api/v1/jobs/?page=2&page_size=1"
