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


PUBLISHED = {  # the ministerial regulations' hourly amounts, ages 21+, 20, 19, 18, 17, 16, 15
    date(2025, 1, 1): ["14.06", "11.25", "8.44", "7.03", "5.55", "4.85", "4.22"],
    date(2025, 7, 1): ["14.40", "11.52", "8.64", "7.20", "5.69", "4.97", "4.32"],
    date(2026, 1, 1): ["14.71", "11.77", "8.83", "7.36", "5.81", "5.07", "4.41"],
}


def test_the_table_holds_the_published_amounts_with_their_source():
    rows = MinimumWage.objects.order_by("effective_from", "-age")

    table: dict[date, list[str]] = {}
    for row in rows:
        table.setdefault(row.effective_from, []).append(str(row.hourly_amount))
    assert table == PUBLISHED
    assert [row.age for row in rows[:7]] == [21, 20, 19, 18, 17, 16, 15]
    assert all("minimumloon" in row.source.lower() for row in rows)
