"""Two calls on one job at one moment: the row lock orders them, and the audit trail says so."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps

from apps.core.exceptions import Conflict
from apps.jobs.models import Job
from apps.jobs.services import job_approve, job_close, job_publish, job_reject, job_update
from apps.jobs.tests.factories import DraftJobFactory, JobFactory
from apps.safety.models import AuditEvent
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _minimum_wages():
    """The migrated rates, gone when an earlier test of this kind emptied the tables."""
    import_module("apps.jobs.migrations.0002_minimum_wages_2025_2026").load(django_apps, None)


def actions(job: Job) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_id=job.pk)
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )


def test_two_publishes_at_once_publish_once(race):
    job = DraftJobFactory()
    owner = job.employer.user

    outcomes = race(*[lambda: job_publish(job=Job(pk=job.pk), actor=owner)] * 2)

    assert [outcome.status for outcome in outcomes] == ["published", "published"]
    assert actions(job) == ["job.published"]
    published_at = Job.objects.get(pk=job.pk).published_at
    assert published_at is not None
    assert {outcome.published_at for outcome in outcomes} == {published_at}


def test_closing_while_a_moderator_approves_ends_closed_either_way(race):
    job = JobFactory(status="pending_review", published_at=None, expires_at=None)
    owner, moderator = job.employer.user, UserFactory(user_type="admin")

    closed, approved = race(
        lambda: job_close(job=Job(pk=job.pk), actor=owner),
        lambda: job_approve(job=Job(pk=job.pk), moderator=moderator),
    )

    assert Job.objects.get(pk=job.pk).status == "closed"
    assert closed.status == "closed"
    if isinstance(approved, Conflict):  # the close came first
        assert actions(job) == ["job.closed"]
    else:  # the approval came first, and the close ended the publication
        assert isinstance(approved, Job)
        assert approved.status == "published"
        assert actions(job) == ["job.approved", "job.closed"]


def test_closing_while_a_moderator_rejects_ends_in_one_decision(race):
    job = JobFactory(status="pending_review", published_at=None, expires_at=None)
    owner, moderator = job.employer.user, UserFactory(user_type="admin")

    closed, rejected = race(
        lambda: job_close(job=Job(pk=job.pk), actor=owner),
        lambda: job_reject(job=Job(pk=job.pk), moderator=moderator, reason="A fee."),
    )

    assert Job.objects.get(pk=job.pk).status == "closed"
    if isinstance(rejected, Conflict):
        assert actions(job) == ["job.closed"]
    else:
        assert isinstance(rejected, Job)
        assert actions(job) == ["job.rejected", "job.closed"]
    assert closed.status == "closed"


def test_an_edit_racing_a_close_never_reopens_the_job(race):
    job = JobFactory()
    owner = job.employer.user

    edited, closed = race(
        lambda: job_update(job=Job(pk=job.pk), actor=owner, changes={"positions": 5}),
        lambda: job_close(job=Job(pk=job.pk), actor=owner),
    )

    assert closed.status == "closed"
    assert Job.objects.get(pk=job.pk).status == "closed"
    if isinstance(edited, Conflict):  # the close came first: a closed job is not edited
        assert Job.objects.get(pk=job.pk).positions == job.positions
    else:
        assert isinstance(edited, Job)
        assert Job.objects.get(pk=job.pk).positions == 5
