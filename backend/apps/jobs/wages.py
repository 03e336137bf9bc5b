"""The statutory minimum wage: what the law lets nobody be paid less than."""

from datetime import date
from decimal import Decimal

from django.db.models import DateField, OuterRef, Subquery, Value
from django.db.models.functions import Greatest, Least
from django.utils import timezone

from apps.jobs.models import MinimumWage

ADULT_AGE = 21


def wage_day(starts_on: date) -> date:
    """The day whose minimum a job's wage answers to: its start, or today for a job under way.

    The people a published job finds today are paid from today, so a start date
    in the past cannot keep an older, lower rate.
    """
    return max(starts_on, timezone.localdate())


def minimum_hourly_wage(*, age: int, on: date) -> Decimal:
    """The WML for a person of `age` on `on`: the newest rate in force then (or the oldest known)."""
    band = min(max(age, 15), ADULT_AGE)
    rates = MinimumWage.objects.filter(age=band)
    rate = rates.filter(effective_from__lte=on).order_by("-effective_from").first()
    if rate is None:
        rate = rates.order_by("effective_from").first()
    if rate is None:
        raise LookupError("the minimum wage table is empty; run the migrations")
    return rate.hourly_amount


def minimum_for_job() -> Subquery:
    """The WML a job's `min_age` has on its `wage_day`, as a subquery on the job's row.

    As `minimum_hourly_wage(age=job.min_age, on=wage_day(job.starts_on))`, but in
    SQL for many jobs at once; null for a day before the oldest rate (the publish
    gate took the oldest rate there).
    """
    band = Least(Greatest(OuterRef("min_age"), Value(15)), Value(ADULT_AGE))
    day = Greatest(OuterRef("starts_on"), Value(timezone.localdate(), output_field=DateField()))
    return Subquery(
        MinimumWage.objects.filter(age=band, effective_from__lte=day)
        .order_by("-effective_from")
        .values("hourly_amount")[:1]
    )
