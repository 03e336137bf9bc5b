"""What a search keeps per process: the planner's estimates and its words (SEARCH_*_SECONDS)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.jobs.search import JobSearch, job_search_page
from apps.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

UTRECHT = (52.0907, 5.1214)


@pytest.fixture
def estimates_kept(settings):
    settings.SEARCH_ESTIMATE_SECONDS = 60
    caches["local"].clear()
    yield
    caches["local"].clear()


def explains(search: JobSearch) -> int:
    with CaptureQueriesContext(connection) as context:
        job_search_page(search, page=1, page_size=20)
    return sum(q["sql"].startswith("EXPLAIN") for q in context.captured_queries)


def test_a_search_near_one_already_estimated_uses_that_estimate(estimates_kept):
    JobFactory(title="Magazijnmedewerker")
    lat, lon = UTRECHT

    assert explains(JobSearch(lat=lat, lon=lon, radius_km=10)) == 1
    assert explains(JobSearch(lat=lat, lon=lon, radius_km=10)) == 0
    # Some 300 m away: the same kilometre.
    assert explains(JobSearch(lat=lat + 0.002, lon=lon + 0.002, radius_km=10)) == 0


def test_another_place_radius_word_or_filter_is_estimated_anew(estimates_kept):
    lat, lon = UTRECHT
    explains(JobSearch(lat=lat, lon=lon, radius_km=10))

    assert explains(JobSearch(lat=lat + 0.05, lon=lon, radius_km=10)) == 1
    assert explains(JobSearch(lat=lat, lon=lon, radius_km=25)) == 1
    assert explains(JobSearch(lat=lat, lon=lon, radius_km=10, q="heftruck")) == 1
    assert explains(JobSearch(lat=lat, lon=lon, radius_km=10, category="logistics")) == 1


def test_an_estimate_is_made_again_once_it_is_older_than_the_setting(estimates_kept):
    lat, lon = UTRECHT
    explains(JobSearch(lat=lat, lon=lon, radius_km=10))

    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        assert explains(JobSearch(lat=lat, lon=lon, radius_km=10)) == 1


def test_without_the_setting_every_search_is_estimated(settings):
    settings.SEARCH_ESTIMATE_SECONDS = 0
    lat, lon = UTRECHT

    assert [explains(JobSearch(lat=lat, lon=lon, radius_km=10)) for _ in range(2)] == [1, 1]


def parses(search: JobSearch) -> int:
    with CaptureQueriesContext(connection) as context:
        job_search_page(search, page=1, page_size=20)
    return sum("websearch_to_tsquery" in q["sql"] for q in context.captured_queries)


def test_words_are_parsed_once_a_minute_per_process(settings):
    settings.SEARCH_WORDS_SECONDS = 60
    caches["local"].clear()
    JobFactory(title="Heftruckchauffeur")

    assert parses(JobSearch(q="heftruck")) == 1
    assert parses(JobSearch(q="heftruck", category="logistics")) == 0
    assert parses(JobSearch(q="kassa")) == 1
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        assert parses(JobSearch(q="heftruck")) == 1


def test_without_the_setting_words_are_parsed_every_search():
    JobFactory(title="Heftruckchauffeur")

    assert [parses(JobSearch(q="heftruck")) for _ in range(2)] == [1, 1]


def test_the_connection_turns_jit_and_parallel_workers_off():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('jit'), current_setting('max_parallel_workers_per_gather')"
        )
        assert cursor.fetchone() == ("off", "0")
