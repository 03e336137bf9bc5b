from datetime import date
from decimal import Decimal

import pytest

from apps.jobs.models import MinimumWage
from apps.jobs.wages import minimum_hourly_wage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("age", "on", "amount"),
    [
        (21, date(2025, 1, 1), "14.06"),
        (35, date(2025, 6, 30), "14.06"),
        (21, date(2025, 7, 1), "14.40"),
        (20, date(2025, 7, 1), "11.52"),
        (19, date(2025, 12, 31), "8.64"),
        (18, date(2026, 1, 1), "7.36"),
        (17, date(2026, 3, 1), "5.81"),
        (16, date(2026, 1, 1), "5.07"),
        (15, date(2026, 1, 1), "4.41"),
        (15, date(2025, 1, 1), "4.22"),
        (21, date(2026, 1, 1), "14.71"),
        (21, date(2031, 5, 1), "14.71"),
        (21, date(2024, 6, 1), "14.06"),
        (14, date(2026, 1, 1), "4.41"),
    ],
)
def test_the_published_rate_in_force_for_the_age_and_date(age, on, amount):
    assert minimum_hourly_wage(age=age, on=on) == Decimal(amount)


def test_the_table_holds_the_published_amounts_with_their_source():
    rows = MinimumWage.objects.filter(effective_from=date(2026, 1, 1)).order_by("-age")

    assert [str(r.hourly_amount) for r in rows] == [
        "14.71",
        "11.77",
        "8.83",
        "7.36",
        "5.81",
        "5.07",
        "4.41",
    ]
    assert all("minimumloon" in r.source.lower() for r in rows)
    assert MinimumWage.objects.count() == 21
