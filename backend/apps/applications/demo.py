"""Demo applications for `seed_demo`, one path through the workflow for each status."""

from apps.applications import services
from apps.applications.models import Application
from apps.candidates.models import CandidateProfile
from apps.jobs.models import Job
from apps.jobs.wages import ADULT_AGE, minimum_hourly_wage

# The moves that lead to each status, and who makes them.
PATHS = {
    "submitted": [],
    "reviewing": [("employer", "reviewing")],
    "shortlisted": [("employer", "reviewing"), ("employer", "shortlisted")],
    "interview": [
        ("employer", "reviewing"),
        ("employer", "shortlisted"),
        ("employer", "interview"),
    ],
    "offered": [("employer", "reviewing"), ("employer", "shortlisted"), ("employer", "offered")],
    "hired": [
        ("employer", "reviewing"),
        ("employer", "shortlisted"),
        ("employer", "offered"),
        ("candidate", "hired"),
    ],
    "rejected": [("employer", "reviewing"), ("employer", "rejected")],
    "withdrawn": [("candidate", "withdrawn")],
    "declined": [
        ("employer", "reviewing"),
        ("employer", "shortlisted"),
        ("employer", "offered"),
        ("candidate", "declined"),
    ],
}


def seed_applications(*, candidates: list[CandidateProfile]) -> int:
    if Application.objects.filter(candidate__in=candidates).exists():
        return 0
    jobs = list(
        Job.objects.filter(status=Job.Status.PUBLISHED, positions__gte=2).select_related(
            "employer__user"
        )[: len(PATHS) * 2]
    )
    made = 0
    for (_status, path), job in zip(PATHS.items(), jobs, strict=False):
        candidate = candidates[made % len(candidates)]
        application = services.application_submit(
            candidate=candidate, job_id=job.pk, cover_letter="Ik ben flexibel en kan snel beginnen."
        )
        for side, to_status in path:
            actor = job.employer.user if side == "employer" else candidate.user
            adult_minimum = minimum_hourly_wage(age=ADULT_AGE, on=job.starts_on)
            wage = max(job.hourly_wage, adult_minimum) if to_status == "offered" else None
            application = services.application_transition(
                application=application, actor=actor, to_status=to_status, hourly_wage=wage
            )
        made += 1
    return made
