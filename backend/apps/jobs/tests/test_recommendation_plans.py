"""Recommendations read the nearest jobs by walking a location index, never every job in reach.

Sorting every job within the candidate's travel distance took seconds in a city
(tens of thousands of jobs). The statements are held to their plans (EXPLAIN
ANALYZE), not to a clock: the nearest jobs come from a KNN walk of a location
index, and no statement reads more jobs than the pool it fills and the hidden
jobs it passes on the way.
"""

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.core.geo import point
from apps.employers.tests.factories import ApprovedEmployerFactory
from apps.jobs import recommendations
from apps.jobs.models import Job
from apps.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = (52.374, 4.890)
POOL = 5
# Jobs of a city farther off than those the test looks at, so that the planner sees
# a city's numbers: over a few dozen rows any plan is cheap, a sort of all of them too.
CITY_JOBS = 5000


def near_amsterdam(step: int) -> Any:
    """A point `step` hundred metres or so north of Amsterdam's centre."""
    return point(latitude=AMSTERDAM[0] + 0.001 * step, longitude=AMSTERDAM[1])


def nodes(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [plan, *(node for child in plan.get("Plans", []) for node in nodes(child))]


def plans_of(statements: list[str]) -> list[list[dict[str, Any]]]:
    out = []
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {statement}")
            out.append(nodes(cursor.fetchone()[0][0]["Plan"]))
    return out


def copy_job(job: Job, *, count: int) -> None:
    """`count` copies of the job, 5 to 15 km south-east of Amsterdam's centre."""
    columns = [
        f.column
        for f in Job._meta.concrete_fields
        if f.column not in ("id", "location") and not f.generated
    ]
    listed = ", ".join(columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO jobs_job (id, location, {listed})"  # noqa: S608  # nosec B608
            " SELECT gen_random_uuid(), ST_SetSRID(ST_MakePoint("
            "   %(lon)s + 0.07 + (i %% 100) * 0.0015, %(lat)s - 0.05 - (i / 100) * 0.0015"
            f" ), 4326)::geography, {listed}"
            " FROM jobs_job, generate_series(1, %(count)s) i WHERE id = %(id)s",
            {"lat": AMSTERDAM[0], "lon": AMSTERDAM[1], "count": count, "id": job.pk},
        )


@pytest.fixture
def jobs_in_reach():
    """Forty jobs within reach, a hidden job of each kind among the nearest, a draft, a city."""
    employer = ApprovedEmployerFactory()
    for step in range(40):
        JobFactory(employer=employer, location=near_amsterdam(step + 3))
    copy_job(JobFactory(employer=employer, location=near_amsterdam(100)), count=CITY_JOBS)
    JobFactory(
        location=near_amsterdam(0),
        employer=ApprovedEmployerFactory(verification_status="suspended"),
    )
    JobFactory(location=near_amsterdam(1), expires_at=timezone.now() - timedelta(minutes=1))
    JobFactory(location=near_amsterdam(2), hourly_wage=Decimal("14.80"))
    JobFactory(location=near_amsterdam(0), status="draft")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE jobs_job")
        cursor.execute("ANALYZE employers_employerprofile")
    return 3  # hidden jobs among the published ones nearer than any shown


def test_the_nearest_jobs_are_walked_from_the_location_index(actors, jobs_in_reach, monkeypatch):
    monkeypatch.setattr(recommendations, "CANDIDATE_POOL", POOL)
    candidate = actors["candidate"].candidate_profile
    candidate.skills = []
    candidate.location = near_amsterdam(0)
    candidate.max_travel_km = 25
    candidate.min_hourly_wage = Decimal("15.00")
    candidate.save()

    with CaptureQueriesContext(connection) as context:
        found = recommendations.job_recommendations(candidate=candidate)
    plans = plans_of([q["sql"] for q in context.captured_queries])

    assert len(found) == POOL
    jobs_scans = [n for plan in plans for n in plan if n.get("Relation Name") == "jobs_job"]
    assert [n["Node Type"] for n in jobs_scans if n["Node Type"] == "Seq Scan"] == []
    walk = [n for n in plans[0] if n.get("Index Name") == "jobs_published_location_rd"]
    assert [(n["Node Type"], "Order By" in n) for n in walk] == [("Index Scan", True)]
    assert [n["Node Type"] for n in plans[0] if n["Node Type"] == "Sort"] == []
    for scan in jobs_scans:
        read = scan["Actual Rows"] + scan.get("Rows Removed by Filter", 0)
        assert read <= POOL + jobs_in_reach
    assert len(plans) == 3  # the nearest jobs' ids, the pool's scores, the jobs shown
