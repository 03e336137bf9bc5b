import pytest
from django.core.management import call_command

from apps.candidates.models import CandidateProfile
from apps.employers.models import EmployerProfile
from apps.users.models import User

pytestmark = pytest.mark.django_db


def state() -> tuple:
    return (
        sorted(User.objects.values_list("email", "user_type")),
        sorted(CandidateProfile.objects.values_list("user__email", "city", "is_discoverable")),
        sorted(EmployerProfile.objects.values_list("company_name", "verification_status")),
    )


def test_seed_demo_is_idempotent():
    call_command("seed_demo", verbosity=0)
    first = state()
    call_command("seed_demo", verbosity=0)

    assert state() == first
    users, candidates, employers = first
    assert ("moderator@demo.safejob.test", "admin") in users
    assert {status for _, status in employers} == {"approved", "pending", "rejected"}
    assert len(candidates) == 6


def test_seed_demo_brings_jobs_some_held_and_applications_in_every_status():
    from apps.applications.models import Application
    from apps.jobs.models import Job

    call_command("seed_demo", verbosity=0)

    assert Job.objects.count() == 300
    statuses = set(Job.objects.values_list("status", flat=True))
    assert {"published", "draft", "pending_review"} <= statuses
    held = Job.objects.filter(status="pending_review")
    assert all(job.risk_flags for job in held)
    assert set(Application.objects.values_list("status", flat=True)) == set(
        Application.Status.values
    )


def test_demo_candidates_live_across_the_netherlands():
    call_command("seed_demo", verbosity=0)

    located = CandidateProfile.objects.exclude(location=None)
    assert located.count() == CandidateProfile.objects.count() == 6
    for profile in located:
        assert profile.location is not None
        assert 50.7 < profile.location.y < 53.6
        assert 3.3 < profile.location.x < 7.3
    assert len({p.city for p in located}) == 6


def test_seed_demo_pays_at_least_a_newer_minimum_wage():
    """A rate migrated next January or July must not break the demo data."""
    from decimal import Decimal

    from django.utils import timezone

    from apps.applications.models import Application
    from apps.jobs.models import Job, MinimumWage

    raised = Decimal("17.25")  # above every demo job's wage at the 2026 rates (14.71 + 6.00)
    for age in range(15, 22):  # today may be a migrated rate's date (1 January, 1 July)
        MinimumWage.objects.update_or_create(
            effective_from=timezone.localdate(),
            age=age,
            defaults={"hourly_amount": raised, "source": "a test"},
        )

    call_command("seed_demo", verbosity=0)

    wages = list(Job.objects.values_list("hourly_wage", flat=True))
    assert len(wages) == 300
    assert min(wages) >= raised
    offered = Application.objects.exclude(offered_hourly_wage=None)
    assert offered.exists()
    offers = offered.values_list("offered_hourly_wage", flat=True)
    assert all(wage is not None and wage >= raised for wage in offers)


def test_the_demo_moderator_can_work_in_the_admin():
    """Moderators reach the verification queue and the audit trail through their group."""
    call_command("seed_demo", verbosity=0)

    moderator = User.objects.get(email="moderator@demo.safejob.test")
    assert moderator.is_moderator
    assert moderator.has_perm("employers.view_employerprofile")
    assert moderator.has_perm("safety.view_auditevent")
