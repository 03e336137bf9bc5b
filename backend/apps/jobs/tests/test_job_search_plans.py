"""Search's two plans (apps/jobs/search): the walk and the exact plan give the same pages.

Over a handful of jobs every search is answered exactly; `exact_up_to=0` makes it
walk wherever a walk can, as it does over many jobs. Both are held to the ORM's
form of the same search (`job_search`), page by page.
"""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.contrib.gis.geos import Point
from django.utils import timezone

from apps.core.geo import point
from apps.employers.tests.factories import ApprovedEmployerFactory
from apps.jobs.search import JobSearch, SearchResults, job_search, job_search_page, plans
from apps.jobs.serializers import JobSerializer
from apps.jobs.tests.factories import DraftJobFactory, JobFactory

pytestmark = pytest.mark.django_db

UTRECHT = (52.0907, 5.1214)
PAGE_SIZE = 3


def near_utrecht(step: int) -> Point:
    """A point `step` hundred metres or so north-east of Utrecht."""
    return point(latitude=UTRECHT[0] + 0.001 * step, longitude=UTRECHT[1] + 0.0013 * step)


@pytest.fixture
def jobs():
    """Jobs to search: words in titles, categories and descriptions, ties, and hidden ones."""
    now = timezone.now()
    employer = ApprovedEmployerFactory()
    made = []
    for i in range(14):
        made.append(
            JobFactory(
                employer=employer,
                title=["Magazijnmedewerker", "Medewerker magazijn", "Chauffeur", "Kok"][i % 4],
                description=["Werk in het magazijn.", "Rijden.", "Koken in de keuken."][i % 3],
                category=["logistics", "delivery", "hospitality"][i % 3],
                hourly_wage=Decimal("15.00") + i,
                published_at=now - timedelta(hours=i),
                # Three jobs at each address: distance ties.
                location=near_utrecht(i // 3),
            )
        )
    suspended = ApprovedEmployerFactory(verification_status="suspended")
    JobFactory(employer=suspended, title="Medewerker magazijn", location=near_utrecht(0))
    JobFactory(title="Medewerker magazijn", expires_at=now - timedelta(minutes=1))
    DraftJobFactory(title="Medewerker magazijn")
    return made


def pages(search: JobSearch, **kwargs) -> list[list[str]]:
    out = []
    for page in range(1, 7):
        found = job_search_page(search, page=page, page_size=PAGE_SIZE, **kwargs)
        out.append([job["id"] for job in found.results])
        if not found.has_next:
            break
    return out


def first_plan(search: JobSearch, **kwargs) -> str:
    return job_search_page(search, page=1, page_size=PAGE_SIZE, **kwargs).plan


def orm_pages(search: JobSearch) -> list[list[str]]:
    ids = [str(job.pk) for job in job_search(search)]
    chunks = [ids[i : i + PAGE_SIZE] for i in range(0, len(ids), PAGE_SIZE)]
    return chunks or [[]]


SEARCHES = [
    pytest.param(JobSearch(lat=UTRECHT[0], lon=UTRECHT[1], radius_km=25), id="radius"),
    pytest.param(
        JobSearch(lat=UTRECHT[0], lon=UTRECHT[1], radius_km=0.5), id="small-radius-with-ties"
    ),
    pytest.param(
        JobSearch(q="magazijn", lat=UTRECHT[0], lon=UTRECHT[1], min_wage=Decimal("17")),
        id="words-radius-wage",
    ),
    pytest.param(JobSearch(q="magazijn"), id="relevance"),
    pytest.param(JobSearch(q="koken"), id="relevance-description-only"),
    pytest.param(JobSearch(q="logistics"), id="relevance-category"),
    pytest.param(JobSearch(q="magazjnmedewerker"), id="typo"),
    pytest.param(JobSearch(ordering="-published_at"), id="newest"),
    pytest.param(
        JobSearch(lat=UTRECHT[0], lon=UTRECHT[1], ordering="-hourly_wage"), id="best-paid-nearby"
    ),
    pytest.param(JobSearch(q="imker"), id="no-match"),
    pytest.param(JobSearch(q="in is"), id="stop-words"),
    pytest.param(JobSearch(q="!", lat=UTRECHT[0], lon=UTRECHT[1]), id="punctuation-nearby"),
]


@pytest.mark.parametrize("search", SEARCHES)
def test_the_walk_and_the_exact_plan_give_the_orm_s_pages(jobs, search):
    expected = orm_pages(search)

    exact = pages(search)
    walked = pages(search, exact_up_to=0)

    assert exact == expected
    assert walked == expected


@pytest.mark.parametrize(
    ("stop_words", "none"),
    [
        (JobSearch(q="in is"), JobSearch()),
        (JobSearch(q="was", ordering="relevance"), JobSearch()),
        (
            JobSearch(q="!", lat=UTRECHT[0], lon=UTRECHT[1]),
            JobSearch(lat=UTRECHT[0], lon=UTRECHT[1]),
        ),
    ],
)
def test_stop_words_alone_search_as_no_words(jobs, stop_words, none):
    expected = orm_pages(none)

    assert len(expected[0]) == PAGE_SIZE
    assert orm_pages(stop_words) == expected
    assert pages(stop_words) == expected
    assert job_search_page(stop_words, page=1, page_size=PAGE_SIZE).count == (
        job_search_page(none, page=1, page_size=PAGE_SIZE).count
    )


@pytest.mark.parametrize(
    "search",
    [
        JobSearch(lat=UTRECHT[0], lon=UTRECHT[1], radius_km=25),
        JobSearch(lat=UTRECHT[0], lon=UTRECHT[1], radius_km=0.5),
        JobSearch(ordering="-published_at"),
        JobSearch(lat=UTRECHT[0], lon=UTRECHT[1], ordering="-hourly_wage"),
        JobSearch(q="magazijn", ordering="-published_at"),
    ],
)
def test_a_walk_past_the_carried_rows_reads_its_page_by_id(jobs, search, monkeypatch):
    monkeypatch.setattr(plans, "CARRY_UP_TO", 0)

    assert first_plan(search, exact_up_to=0) == "walk"
    assert pages(search, exact_up_to=0) == orm_pages(search)


@pytest.mark.parametrize("search", SEARCHES)
def test_a_walk_that_gives_up_answers_exactly(jobs, search, monkeypatch):
    # One row a walk (and the ties of it): fewer than a page and the next one's first.
    monkeypatch.setattr(plans, "WALK_MIN_ROWS", 1)
    monkeypatch.setattr(plans, "WALK_ROWS_PER_RESULT", 1)
    monkeypatch.setattr(plans, "WALK_MAX_ROWS", 1)

    assert "walk" not in first_plan(search, exact_up_to=0)
    assert pages(search, exact_up_to=0) == orm_pages(search)


def test_relevance_is_title_then_category_then_description_then_newest(jobs):
    now = timezone.now()
    in_description = JobFactory(
        title="Kok", category="hospitality", description="Soms ook heftruck.", published_at=now
    )
    in_title_old = JobFactory(
        title="Heftruck chauffeur", description="Rijden.", published_at=now - timedelta(days=3)
    )
    in_title_new = JobFactory(title="Heftruck", description="Rijden.", published_at=now)

    for exact_up_to in (None, 0):
        found = job_search_page(
            JobSearch(q="heftruck"), page=1, page_size=10, exact_up_to=exact_up_to
        )
        assert [job["id"] for job in found.results] == [
            str(in_title_new.pk),
            str(in_title_old.pk),
            str(in_description.pk),
        ]


def test_the_exact_plan_counts_and_the_walk_estimates(jobs):
    search = JobSearch(q="magazijn")

    exact = job_search_page(search, page=1, page_size=PAGE_SIZE)
    walked = job_search_page(search, page=1, page_size=PAGE_SIZE, exact_up_to=0)

    assert (exact.count, exact.count_is_exact, exact.plan) == (
        job_search(search).count(),
        True,
        "exact",
    )
    assert walked.count_is_exact is False
    assert walked.plan.startswith("walk")
    assert walked.has_next is True
    assert walked.count >= PAGE_SIZE + 1


def test_a_suspended_employer_s_jobs_are_in_no_plan(jobs):
    search = JobSearch(q="magazijn", lat=UTRECHT[0], lon=UTRECHT[1])
    visible = {str(job.pk) for job in jobs}

    for exact_up_to in (None, 0):
        for page in pages(search, exact_up_to=exact_up_to):
            assert set(page) <= visible


@pytest.mark.parametrize(
    ("ends_on", "hourly_wage"),
    [(None, Decimal("15.50")), (date(2027, 2, 28), Decimal("16")), (None, Decimal("500.00"))],
)
def test_a_result_renders_as_the_job_serializer_renders_it(jobs, ends_on, hourly_wage):
    job = JobFactory(
        hours_per_week=None,
        starts_on=date(2027, 1, 4),
        ends_on=ends_on,
        hourly_wage=hourly_wage,
        location=near_utrecht(30),
    )
    annotated = job_search(JobSearch(lat=UTRECHT[0], lon=UTRECHT[1], radius_km=50)).get(pk=job.pk)

    found = job_search_page(
        JobSearch(lat=UTRECHT[0], lon=UTRECHT[1], radius_km=50), page=1, page_size=100
    )
    rendered = next(r for r in found.results if r["id"] == str(job.pk))

    assert rendered == JobSerializer(annotated).data
    assert list(rendered) == list(JobSerializer(annotated).data)


@pytest.mark.parametrize(
    "search",
    [JobSearch(ordering="-published_at"), JobSearch(lat=UTRECHT[0], lon=UTRECHT[1])],
    ids=["newest", "nearest"],
)
def test_a_walk_s_carried_row_renders_as_the_job_serializer_renders_it(jobs, search):
    # The newest job, at the search's point (with three others: a tie on distance).
    job = JobFactory(
        published_at=timezone.now() + timedelta(minutes=1),
        ends_on=date(2027, 2, 28),
        location=near_utrecht(0),
    )
    annotated = job_search(search).get(pk=job.pk)

    found = job_search_page(search, page=1, page_size=PAGE_SIZE, exact_up_to=0)

    assert found.plan == "walk"
    assert found.results[0] == JobSerializer(annotated).data


@pytest.mark.parametrize(
    "published_at",
    [
        datetime(2026, 1, 15, 8, 0, tzinfo=UTC),  # winter time, whole seconds
        datetime(2026, 7, 15, 21, 59, 59, 999999, tzinfo=UTC),  # summer time, next day there
        datetime(2026, 3, 29, 0, 59, 59, 1, tzinfo=UTC),  # the last moment before summer time
        datetime(2026, 3, 29, 1, 0, tzinfo=UTC),  # the first moment of it
    ],
)
def test_a_result_s_moments_render_as_the_job_serializer_renders_them(published_at):
    job = JobFactory(
        location=near_utrecht(1),
        published_at=published_at,
        expires_at=published_at + timedelta(days=400),
    )
    annotated = job_search(JobSearch(lat=UTRECHT[0], lon=UTRECHT[1])).get(pk=job.pk)

    found = job_search_page(JobSearch(lat=UTRECHT[0], lon=UTRECHT[1]), page=1, page_size=20)
    rendered = next(r for r in found.results if r["id"] == str(job.pk))

    expected = JobSerializer(annotated).data
    assert (rendered["published_at"], rendered["expires_at"]) == (
        expected["published_at"],
        expected["expires_at"],
    )


def test_without_a_point_a_result_has_no_distance(jobs):
    found = job_search_page(JobSearch(q="magazijn"), page=1, page_size=PAGE_SIZE)

    assert all("distance_km" not in job for job in found.results)


def test_the_paginator_s_view_of_a_search_asks_once_a_page(jobs, django_assert_max_num_queries):
    results = SearchResults(JobSearch(q="magazijn"), page=2, page_size=PAGE_SIZE)

    with django_assert_max_num_queries(3):
        count = results.count()
        second = results[PAGE_SIZE : 2 * PAGE_SIZE]

    assert count == job_search(JobSearch(q="magazijn")).count()
    assert [job["id"] for job in second] == orm_pages(JobSearch(q="magazijn"))[1]
