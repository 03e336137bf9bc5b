"""Search's filters have indexes of their own: a search they narrow reads their matches only.

Plans, not timings: each search's page statement is explained with sequential
scans priced out of reach (`enable_seqscan = off`), so the plan names the index
that would answer it over many jobs, or still scans the table when none can.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.jobs.search import JobSearch, job_search, job_search_page, sql
from apps.jobs.search.sql import Estimates
from apps.jobs.tests.factories import JobFactory
from apps.jobs.tests.test_job_search_plans import near_utrecht

pytestmark = pytest.mark.django_db

UTRECHT = (52.0907, 5.1214)


@pytest.fixture
def jobs():
    """Jobs near Utrecht, none of the filters' rare values, with the planner's statistics."""
    made = [
        JobFactory(category="logistics", employment_type="temporary", location=near_utrecht(i))
        for i in range(12)
    ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE jobs_job")
    return made


def page_plan(search: JobSearch) -> tuple[str, str]:
    """How the first page was answered, and its statement's plan as text."""
    with CaptureQueriesContext(connection) as context:
        found = job_search_page(search, page=1, page_size=20)
    statement = next(q["sql"] for q in context.captured_queries if "WITH hits" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {statement}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return found.plan, plan


@pytest.mark.parametrize(
    ("search", "index"),
    [
        (JobSearch(category="other"), "jobs_published_category_type"),
        (JobSearch(employment_types=["freelance"]), "jobs_published_employment_type"),
        (JobSearch(starts_after=date(2099, 1, 1)), "jobs_published_starts_on"),
        (JobSearch(starts_before=date(2000, 1, 1)), "jobs_published_starts_on"),
        (
            JobSearch(starts_before=date(2000, 1, 1), ordering="-hourly_wage"),
            "jobs_published_starts_on",
        ),
    ],
)
def test_a_filter_matching_nothing_is_read_from_its_own_index(jobs, search, index):
    plan, explained = page_plan(search)

    assert plan == "exact"
    assert index in explained
    assert "Seq Scan on jobs_job" not in explained
    assert job_search_page(search, page=1, page_size=20).results == []


@pytest.mark.parametrize(
    ("search", "index"),
    [
        (JobSearch(category="other"), "jobs_published_category_type"),
        (JobSearch(employment_types=["freelance"]), "jobs_published_employment_type"),
        (JobSearch(starts_before=date(2000, 1, 1), radius_km=250), "jobs_published_starts_on"),
        (JobSearch(min_wage=Decimal("400"), radius_km=100), "jobs_published_wage"),
    ],
)
def test_a_radius_with_a_rare_filter_reads_the_filter_s_matches_not_the_radius(jobs, search, index):
    search = JobSearch(**{**search.__dict__, "lat": UTRECHT[0], "lon": UTRECHT[1]})

    plan, explained = page_plan(search)

    assert plan == "exact"
    assert index in explained
    # The radius is checked on the filter's matches, not read from its index.
    assert "jobs_published_location" not in explained
    assert "Seq Scan on jobs_job" not in explained


def test_a_filter_that_a_walk_would_read_past_its_matches_for_is_answered_exactly(
    jobs, monkeypatch
):
    # Over 200,000 jobs, one in a hundred in the category (2,100 of them) and a
    # hundredth of those near: a walk would read about 2,100 rows, more than the
    # category's index yields; so its index answers, and nothing is walked.
    monkeypatch.setattr(
        sql,
        "estimate",
        lambda query: Estimates(
            published=200_000, domain=300, box=40_000, text=None, filters=2_100
        ),
    )
    search = JobSearch(lat=UTRECHT[0], lon=UTRECHT[1], category="logistics")

    found = job_search_page(search, page=1, page_size=20)

    assert found.plan == "exact"
    assert [job["id"] for job in found.results] == [str(job.pk) for job in job_search(search)]
