"""The statutory minimum wage: what the law lets nobody be paid less than."""

from datetime import date
from decimal import Decimal

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
