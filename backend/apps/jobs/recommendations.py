"""Jobs ranked for one candidate by a score anyone can follow: skills, distance, freshness."""

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.gis.db.models.functions import GeometryDistance
from django.db import connection
from django.utils import timezone

from apps.candidates.models import CandidateProfile
from apps.jobs.models import RD_NEW, Job
from apps.jobs.search import JobSearch, job_search_page
from apps.jobs.search.sql import EMPLOYER_APPROVED, GRID_ERROR, on_grid
from apps.jobs.selectors import jobs_visible_to_all

CANDIDATE_POOL = 300
SKILL_POINTS = 3.0
DISTANCE_POINTS = 2.0
FRESHNESS_POINTS = 1.0
FRESH_DAYS = 30
SKILLS_SEARCH_LENGTH = 200  # the search's longest query (JobSearchSerializer)


@dataclass(frozen=True)
class Recommendation:
    job: Job
    score: float
    match_reasons: list[str]


def _skills_in(text: str, skills: list[str]) -> list[str]:
    text = text.lower()
    return [skill for skill in skills if re.search(rf"\b{re.escape(skill)}", text)]


def _posted(days: int) -> str:
    if days == 0:
        return "posted today"
    return "posted yesterday" if days == 1 else f"posted {days} days ago"


def _skills_search(skills: list[str]) -> str:
    """The skills as one search's words: any skill (`or`), all the words of each.

    Only letters and digits are kept (nothing the search reads as an operator), and
    skills are taken in order while the words fit the search's longest query.
    """
    parts: list[str] = []
    for skill in skills:
        words = [w for w in re.findall(r"[^\W_]+", skill.lower()) if w != "or"]
        if not words:
            continue
        if len(" or ".join([*parts, " ".join(words)])) > SKILLS_SEARCH_LENGTH:
            break
        parts.append(" ".join(words))
    return " or ".join(parts)


# The nearest visible jobs, read nearest first from a location index (KNN `<->`) and
# checked one by one until the pool is full: a pool costs about the rows it holds,
# where sorting every job in the radius cost seconds in a city. Near the Netherlands
# on the Dutch grid's planar index (its box widened by the grid's error), elsewhere
# on the geography's; the radius itself is the spheroid's. Both indexes are partial
# on `status = 'published'` (migrations 0004, 0005). A wage few jobs pay is found
# through the wage index instead, as the planner sees fit.
_ORIGIN = "%(origin)s::geography"
_NEAREST = {
    True: (
        f"j.location_rd && ST_Expand(ST_Transform(%(origin)s::geometry, {RD_NEW}), %(box)s)",
        f"j.location_rd <-> ST_Transform(%(origin)s::geometry, {RD_NEW})",
    ),
    False: (f"j.location && _st_expand({_ORIGIN}, %(radius)s)", f"j.location <-> {_ORIGIN}"),
}


def nearest_jobs_sql(
    *, candidate: CandidateProfile, now: datetime, limit: int
) -> tuple[str, dict[str, Any]]:
    """The statement (and its parameters) of the candidate's `limit` nearest visible jobs' ids.

    Visible as workers see jobs (`jobs_visible_to_all`), within the candidate's
    travel distance, paying at least their minimum when they gave one.
    """
    if candidate.location is None:
        raise ValueError("A candidate without a location has no nearest jobs.")
    lat, lon = candidate.location.y, candidate.location.x
    radius = float(candidate.max_travel_km) * 1000
    box, knn = _NEAREST[on_grid(lat, lon)]
    params: dict[str, Any] = {
        "origin": f"SRID=4326;POINT({lon!r} {lat!r})",
        "radius": radius,
        "box": radius * (1 + GRID_ERROR) + 1,
        "now": now,
        "limit": limit,
    }
    conditions = [
        "j.status = 'published'",
        box,
        f"_st_dwithin(j.location, {_ORIGIN}, %(radius)s, true)",
        "j.expires_at > %(now)s",
        EMPLOYER_APPROVED,
    ]
    if candidate.min_hourly_wage is not None:
        params["min_wage"] = candidate.min_hourly_wage
        conditions.append("j.hourly_wage >= %(min_wage)s")
    where = " AND ".join(conditions)
    statement = (
        f"SELECT j.id FROM jobs_job j WHERE {where}"  # noqa: S608  # nosec B608
        f" ORDER BY {knn} LIMIT %(limit)s"
    )
    return statement, params


def _nearest_job_ids(*, candidate: CandidateProfile, now: datetime) -> list[uuid.UUID]:
    statement, params = nearest_jobs_sql(candidate=candidate, now=now, limit=CANDIDATE_POOL)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return [row[0] for row in cursor.fetchall()]


def job_recommendations(*, candidate: CandidateProfile, limit: int = 100) -> list[Recommendation]:
    """Published jobs within the candidate's travel distance paying at least their minimum.

    Score: 3 points a matching skill, up to 2 for being near, up to 1 for being new.
    Scored: the CANDIDATE_POOL nearest jobs (`nearest_jobs_sql`: a walk of a
    location index, never a sort of every job in the radius) and the CANDIDATE_POOL
    nearest that job search finds for the skills, so that a job with the
    candidate's skills a few kilometres off is not crowded out where jobs are
    dense. A job outside both pools is not ranked, however new.
    Without a location on the profile there is nothing to rank: an empty list.
    """
    if candidate.location is None:
        return []
    now = timezone.now()
    found = _nearest_job_ids(candidate=candidate, now=now)
    words = _skills_search(candidate.skills)
    if words:
        # The nearest jobs with the skills, as job search finds them (its plans stay
        # fast for common and rare words alike), read in full by their ids.
        skilled = job_search_page(
            JobSearch(
                q=words,
                lat=candidate.location.y,
                lon=candidate.location.x,
                radius_km=candidate.max_travel_km,
                min_wage=candidate.min_hourly_wage,
                ordering="distance",
            ),
            page=1,
            page_size=CANDIDATE_POOL,
        )
        found += [uuid.UUID(row["id"]) for row in skilled.results]
    # Both pools scored from the few columns the score reads (still held to what
    # workers see), and only the jobs shown read in full: a model a row for every
    # job of the pools cost more than the statements.
    pool = (
        jobs_visible_to_all()
        .filter(pk__in=set(found))
        .annotate(distance=GeometryDistance("location", candidate.location))
        .order_by("distance", "pk")
        .values_list(
            "pk", "title", "category", "description", "hourly_wage", "published_at", "distance"
        )
    )
    scored = []
    for pk, title, category, description, wage, published_at, distance in pool:
        km = float(distance) / 1000
        days = max(0, (now - published_at).days) if published_at else FRESH_DAYS
        skills = _skills_in(f"{title} {category} {description}", candidate.skills)
        score = (
            SKILL_POINTS * len(skills)
            + DISTANCE_POINTS * max(0.0, 1 - km / candidate.max_travel_km)
            + FRESHNESS_POINTS * max(0.0, 1 - days / FRESH_DAYS)
        )
        reasons = []
        if skills:
            reasons.append(
                f"{len(skills)} of your skills" if len(skills) > 1 else "1 of your skills"
            )
        reasons.append(f"{km:.1f} km away")
        if candidate.min_hourly_wage is not None and wage >= candidate.min_hourly_wage:
            reasons.append(f"pays €{wage}, at least your €{candidate.min_hourly_wage}")
        reasons.append(_posted(days))
        newest = -published_at.timestamp() if published_at else 0
        scored.append((-round(score, 3), newest, pk, reasons))
    scored.sort(key=lambda s: s[:2])  # stable: nearest first among equals
    shown = scored[:limit]
    jobs = (
        Job.objects.select_related("employer")
        .defer("search_vector", "location_rd")
        .annotate(distance=GeometryDistance("location", candidate.location))
        .in_bulk([pk for _, _, pk, _ in shown])
    )
    return [
        Recommendation(job=jobs[pk], score=-score, match_reasons=reasons)
        for score, _, pk, reasons in shown
        if pk in jobs
    ]
