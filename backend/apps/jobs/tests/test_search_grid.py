"""Nearest first on the Dutch grid (RD New) near the Netherlands, on the sphere elsewhere.

Jobs are placed at geodesic distances and bearings from the search's point with
PostGIS's ST_Project (on the WGS84 spheroid), so where they are is known without
the grid; both plans (the walk and the exact one) and the ORM's form must agree.
"""

from datetime import timedelta

import pytest
from django.contrib.gis.geos import GEOSGeometry, Point
from django.db import connection
from django.utils import timezone

from apps.jobs.search import JobSearch, job_search, job_search_page
from apps.jobs.search.sql import GRID_AREA, GRID_ERROR, on_grid
from apps.jobs.serializers import MAX_RADIUS_KM
from apps.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

(SOUTH, NORTH), (WEST, EAST) = GRID_AREA["lat"], GRID_AREA["lon"]
GRID_CORNERS_AND_CITIES = [
    (SOUTH, WEST),
    (SOUTH, EAST),
    (NORTH, WEST),
    (NORTH, EAST),
    (52.37403, 4.88969),  # Amsterdam
    (50.84833, 5.68889),  # Maastricht
    (53.21917, 6.56667),  # Groningen
]
LISBON = (38.72225, -9.13934)


def projected(lat: float, lon: float, metres: float, bearing_degrees: float) -> Point:
    """The point `metres` from (lat, lon) on the spheroid, at the bearing given."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_AsEWKT(ST_Project(ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography,"
            " %s, radians(%s))::geometry)",
            [lon, lat, metres, bearing_degrees],
        )
        found = GEOSGeometry(cursor.fetchone()[0])
    assert isinstance(found, Point)
    return found


def pages(search: JobSearch, *, exact_up_to: int | None, page_size: int = 3) -> list[str]:
    """Every result's id, page after page; the first page's plan must be the one asked for."""
    ids: list[str] = []
    for page in range(1, 50):
        found = job_search_page(search, page=page, page_size=page_size, exact_up_to=exact_up_to)
        if page == 1 and exact_up_to == 0:
            assert found.plan == "walk"
        ids += [job["id"] for job in found.results]
        if not found.has_next:
            return ids
    raise AssertionError("more pages than jobs")


@pytest.mark.parametrize("origin", GRID_CORNERS_AND_CITIES)
def test_the_grid_s_distances_are_within_its_error_of_the_geodesic_ones(origin):
    lat, lon = origin
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH o AS (SELECT ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326)::geography AS g)
            SELECT min(r), max(r) FROM (
                SELECT ST_Distance(
                    ST_Transform(o.g::geometry, 28992),
                    ST_Transform(ST_Project(o.g, m, radians(b))::geometry, 28992)
                ) / m AS r
                FROM o, unnest(%(metres)s::float8[]) m, generate_series(0, 345, 15) b
            ) x
            """,
            {"lat": lat, "lon": lon, "metres": [100.0, 25_000.0, MAX_RADIUS_KM * 1000.0]},
        )
        smallest, largest = cursor.fetchone()

    assert 1 - GRID_ERROR < smallest <= largest < 1 + GRID_ERROR


@pytest.mark.parametrize("origin", GRID_CORNERS_AND_CITIES)
def test_on_the_grid_a_job_just_inside_the_radius_is_found_and_one_just_outside_is_not(origin):
    lat, lon = origin
    assert on_grid(lat, lon)
    # Eight bearings, a little nearer each: inside at 24.90 to 24.97 km (measured on
    # the spheroid), outside at 25.1; and one at 20 km, in without measuring.
    inside = [JobFactory(location=projected(lat, lon, 24_970 - 10 * i, 45 * i)) for i in range(8)]
    well_inside = JobFactory(location=projected(lat, lon, 20_000, 100))
    for i in range(8):
        JobFactory(location=projected(lat, lon, 25_100, 45 * i + 20))
    search = JobSearch(lat=lat, lon=lon, radius_km=25)
    nearest_first = [str(well_inside.pk)] + [str(job.pk) for job in reversed(inside)]

    assert pages(search, exact_up_to=0) == nearest_first  # walked on the grid's index
    assert pages(search, exact_up_to=None) == nearest_first  # read from the radius' box
    assert [str(job.pk) for job in job_search(search)] == nearest_first


def test_far_from_the_netherlands_nearest_first_is_on_the_sphere():
    lat, lon = LISBON
    assert not on_grid(lat, lon)
    inside = [JobFactory(location=projected(lat, lon, 1_000 * (i + 1), 40 * i)) for i in range(8)]
    JobFactory(location=projected(lat, lon, 10_100, 0))
    search = JobSearch(lat=lat, lon=lon, radius_km=10)

    walked = pages(search, exact_up_to=0)
    found = job_search_page(search, page=1, page_size=20)

    assert walked == [str(job.pk) for job in inside]
    assert pages(search, exact_up_to=None) == walked
    assert [str(job.pk) for job in job_search(search)] == walked
    assert [job["distance_km"] for job in found.results] == pytest.approx(
        [i + 1 for i in range(8)], abs=0.001
    )


def test_far_from_the_netherlands_jobs_at_one_place_are_ordered_newest_first():
    lat, lon = LISBON
    now = timezone.now()
    near = [JobFactory(location=projected(lat, lon, 1_000, 90 * i)) for i in range(2)]
    # Seven jobs at one address, 2 km away: ties across the first and second page.
    tied = [
        JobFactory(location=projected(lat, lon, 2_000, 0), published_at=now - timedelta(hours=i))
        for i in range(7)
    ]
    search = JobSearch(lat=lat, lon=lon, radius_km=10)

    walked = pages(search, exact_up_to=0)

    assert walked[2:] == [str(job.pk) for job in tied]
    assert sorted(walked[:2]) == sorted(str(job.pk) for job in near)
    assert pages(search, exact_up_to=None) == walked
    assert [str(job.pk) for job in job_search(search)] == walked


def test_the_grid_s_index_column_follows_the_job_s_location():
    job = JobFactory(location=projected(*GRID_CORNERS_AND_CITIES[4], 0, 0))
    job.location = projected(*LISBON, 0, 0)
    job.save()
    job.refresh_from_db()

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_Distance(location_rd, ST_Transform(location::geometry, 28992))"
            " FROM jobs_job WHERE id = %s",
            [job.pk],
        )
        assert cursor.fetchone()[0] == pytest.approx(0, abs=1e-6)
    assert job.location_rd.srid == 28992


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        (SOUTH, WEST, True),
        (NORTH, EAST, True),
        (SOUTH - 0.001, 5.0, False),
        (52.0, EAST + 0.001, False),
        (LISBON[0], LISBON[1], False),
    ],
)
def test_the_grid_serves_points_in_its_area_only(lat, lon, expected):
    assert on_grid(lat, lon) is expected
