"""Two decisions on one employer at one moment: the row lock lets exactly one through."""

import pytest

from apps.core.exceptions import Conflict
from apps.employers import services
from apps.employers.models import EmployerProfile
from apps.employers.tests.factories import EmployerProfileFactory
from apps.safety.models import AuditEvent
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def outcome(call) -> str:
    try:
        return call().verification_status
    except Conflict as exc:
        return str(exc.get_codes())


def test_an_approval_and_a_rejection_at_once_leave_one_decision(race):
    employer = EmployerProfileFactory(verification_status="pending")
    first, second = UserFactory(user_type="admin"), UserFactory(user_type="admin")

    outcomes = race(
        lambda: outcome(lambda: services.employer_approve(employer=employer, moderator=first)),
        lambda: outcome(
            lambda: services.employer_reject(employer=employer, moderator=second, reason="Fake.")
        ),
    )

    final = EmployerProfile.objects.get().verification_status
    assert sorted(outcomes) == sorted([final, "invalid_transition"])
    [event] = AuditEvent.objects.all()
    assert (event.before, event.after) == (
        {"verification_status": "pending"},
        {"verification_status": final},
    )


def test_asking_twice_at_once_asks_once(race):
    employer = EmployerProfileFactory()

    def ask():
        return outcome(
            lambda: services.employer_verification_request(employer=employer, actor=employer.user)
        )

    outcomes = race(ask, ask)

    assert sorted(outcomes) == ["pending", "verification_already_requested"]
    assert AuditEvent.objects.filter(action="employer.verification_requested").count() == 1


def test_a_new_name_during_the_approval_leaves_the_employer_unverified(race):
    employer = EmployerProfileFactory(verification_status="pending", company_name="Oud B.V.")
    moderator = UserFactory(user_type="admin")

    race(
        lambda: outcome(lambda: services.employer_approve(employer=employer, moderator=moderator)),
        lambda: services.employer_profile_update(
            employer=employer, actor=employer.user, changes={"company_name": "Nieuw B.V."}
        ),
    )

    employer.refresh_from_db()
    assert (employer.company_name, employer.verification_status, employer.verified_at) == (
        "Nieuw B.V.",
        "unverified",
        None,
    )
    assert AuditEvent.objects.filter(action="employer.verification_reset").count() == 1
