"""`make bench` loads its jobs into a freshly migrated database, as on a new machine.

The benchmark is not a test, but its loader is code a new machine runs first: a
small load here keeps it working (COPY, the dropped and rebuilt indexes, the
title-word trigger switched off and on, the deferred foreign-key checks).
"""

from collections.abc import Iterator

import psycopg
import pytest
from django.contrib.gis.geos import Polygon
from django.db import connection

from apps.employers.models import EmployerProfile
from apps.jobs import selectors
from apps.jobs.models import Job, TitleWord
from bench import load

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

JOBS = 400
NETHERLANDS = Polygon(((3.3, 50.7), (7.3, 50.7), (7.3, 53.6), (3.3, 53.6), (3.3, 50.7)), srid=4326)


@pytest.fixture
def url() -> Iterator[str]:
    settings = connection.settings_dict
    yield psycopg.conninfo.make_conninfo(
        dbname=settings["NAME"],
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=str(settings["PORT"]) if settings["PORT"] else None,
    )
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_meta")


def _indexes() -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'jobs_job'")
        return set(cursor.fetchall())


def _published_title_words() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT DISTINCT w FROM jobs_job j, jobs_title_words(j.title) w
            WHERE j.status = 'published'
            """)
        return {row[0] for row in cursor.fetchall()}


def _trigger_enabled() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgenabled FROM pg_trigger WHERE tgname = 'jobs_titleword_on_insert'")
        row = cursor.fetchone()
        assert row is not None
        return str(row[0])


def test_a_fresh_database_is_loaded_and_then_reused(url):
    indexes = _indexes()

    loaded = load.ensure_loaded(url=url, jobs=JOBS)

    published = Job.objects.filter(status=Job.Status.PUBLISHED)
    assert loaded.reused is False
    assert published.count() == JOBS
    assert Job.objects.exclude(status=Job.Status.PUBLISHED).count() == JOBS // 20
    not_approved = EmployerProfile.objects.exclude(
        verification_status=EmployerProfile.VerificationStatus.APPROVED
    )
    assert loaded.suspended_employers == {
        str(pk) for pk in not_approved.values_list("pk", flat=True)
    }
    hidden = published.filter(employer__in=not_approved).count()
    assert hidden > 0  # the benchmark checks that search never shows them
    assert selectors.jobs_visible_to_all().count() == JOBS - hidden
    assert set(TitleWord.objects.values_list("word", flat=True)) == _published_title_words()
    assert _indexes() == indexes
    assert _trigger_enabled() == "O"
    assert not published.exclude(location__within=NETHERLANDS).exists()

    again = load.ensure_loaded(url=url, jobs=JOBS)

    assert (again.reused, again.loaded_at) == (True, loaded.loaded_at)
    assert published.count() == JOBS
