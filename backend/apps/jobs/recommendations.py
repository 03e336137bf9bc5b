"""Jobs ranked for one candidate by a score anyone can follow: skills, distance, freshness."""

import re
import uuid
from dataclasses import dataclass

from django.contrib.gis.db.models.functions import GeometryDistance
from django.contrib.gis.measure import D
from django.utils import timezone

from apps.candidates.models import CandidateProfile
from apps.jobs.models import Job
from apps.jobs.search import JobSearch, job_search_page
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


def _skills_in(job: Job, skills: list[str]) -> list[str]:
    text = f"{job.title} {job.category} {job.description}".lower()
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


def job_recommendations(*, candidate: CandidateProfile, limit: int = 100) -> list[Recommendation]:
    """Published jobs within the candidate's travel distance paying at least their minimum.

    Score: 3 points a matching skill, up to 2 for being near, up to 1 for being new.
    Scored: the CANDIDATE_POOL nearest jobs and the CANDIDATE_POOL nearest that job
    search finds for the skills, so that a job with the candidate's skills a few
    kilometres off is not crowded out where jobs are dense.
    Without a location on the profile there is nothing to rank: an empty list.
    """
    if candidate.location is None:
        return []
    jobs = (
        jobs_visible_to_all()
        .select_related("employer")
        .filter(location__dwithin=(candidate.location, D(km=candidate.max_travel_km)))
        .annotate(distance=GeometryDistance("location", candidate.location))
        .order_by("distance")
    )
    if candidate.min_hourly_wage is not None:
        jobs = jobs.filter(hourly_wage__gte=candidate.min_hourly_wage)

    now = timezone.now()
    ranked = []
    pool = {job.pk: job for job in jobs[:CANDIDATE_POOL]}
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
        more = {uuid.UUID(row["id"]) for row in skilled.results} - pool.keys()
        pool.update((job.pk, job) for job in jobs.filter(pk__in=more))
    for job in pool.values():
        km = float(job.distance) / 1000
        days = max(0, (now - job.published_at).days) if job.published_at else FRESH_DAYS
        skills = _skills_in(job, candidate.skills)
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
        if candidate.min_hourly_wage is not None and job.hourly_wage >= candidate.min_hourly_wage:
            reasons.append(f"pays €{job.hourly_wage}, at least your €{candidate.min_hourly_wage}")
        reasons.append(_posted(days))
        ranked.append(Recommendation(job=job, score=round(score, 3), match_reasons=reasons))
    ranked.sort(
        key=lambda r: (-r.score, (r.job.published_at and -r.job.published_at.timestamp()) or 0)
    )
    return ranked[:limit]
