"""The statutory minimum hourly wages (WML) of 2025 and 2026, as published.

To add a new period (each 1 January and 1 July), copy this migration with the
new date, amounts and source: the amounts are the published ones, never
percentages of the adult wage recomputed here (the rounding differs).
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

AGES = (21, 20, 19, 18, 17, 16, 15)  # 21 stands for 21 and older
SOURCE = "Rijksoverheid, Bedragen minimumloon {period} (ministeriële regeling aanpassing WML)"
PERIODS = {
    date(2025, 1, 1): ("1 januari 2025", ("14.06", "11.25", "8.44", "7.03", "5.55", "4.85", "4.22")),
    date(2025, 7, 1): ("1 juli 2025", ("14.40", "11.52", "8.64", "7.20", "5.69", "4.97", "4.32")),
    date(2026, 1, 1): ("1 januari 2026", ("14.71", "11.77", "8.83", "7.36", "5.81", "5.07", "4.41")),
}


def load(apps, schema_editor):
    MinimumWage = apps.get_model("jobs", "MinimumWage")
    for effective_from, (period, amounts) in PERIODS.items():
        for age, amount in zip(AGES, amounts, strict=True):
            MinimumWage.objects.update_or_create(
                effective_from=effective_from,
                age=age,
                defaults={"hourly_amount": Decimal(amount), "source": SOURCE.format(period=period)},
            )


def unload(apps, schema_editor):
    apps.get_model("jobs", "MinimumWage").objects.filter(effective_from__in=list(PERIODS)).delete()


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
