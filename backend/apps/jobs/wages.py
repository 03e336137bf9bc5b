"""The statutory minimum wage: what the law lets nobody be paid less than."""

from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Greatest, Least

from apps.jobs.models import MinimumWage

ADULT_AGE = 21


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
    """The WML a job's `min_age` has on its `starts_on`, as a subquery on the job's row.

    As `minimum_hourly_wage`, but in SQL for many jobs at once; null for a start
    before the oldest rate (the publish gate took the oldest rate there).
    """
    band = Least(Greatest(OuterRef("min_age"), Value(15)), Value(ADULT_AGE))
    return Subquery(
        MinimumWage.objects.filter(age=band, effective_from__lte=OuterRef("starts_on"))
        .order_by("-effective_from")
        .values("hourly_amount")[:1]
    )
