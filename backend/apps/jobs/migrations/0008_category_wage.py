"""The category medians that screening compares wages with, stored (`CategoryWage`).

Filled here once, as `category_wages_refresh` (Celery beat, hourly) fills it, so
that screening has its medians from the first publish after the upgrade. Written
as SQL: a migration keeps what it did, whatever the services become.
"""

from django.db import migrations, models

FILL = """
    INSERT INTO jobs_categorywage (category, jobs, median, computed_at)
    SELECT j.category, count(*),
        round(percentile_cont(0.5) WITHIN GROUP (ORDER BY j.hourly_wage)::numeric, 2), now()
    FROM jobs_job j JOIN employers_employerprofile e ON e.id = j.employer_id
    WHERE j.status = 'published' AND j.expires_at > now() AND e.verification_status = 'approved'
    GROUP BY j.category
"""


class Migration(migrations.Migration):

    dependencies = [
        ("jobs", "0007_title_words_fill"),
    ]

    operations = [
        migrations.CreateModel(
            name="CategoryWage",
            fields=[
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("logistics", "Logistics and warehouse"),
                            ("production", "Production"),
                            ("hospitality", "Hospitality"),
                            ("retail", "Retail"),
                            ("cleaning", "Cleaning"),
                            ("construction", "Construction"),
                            ("agriculture", "Agriculture and horticulture"),
                            ("delivery", "Delivery and driving"),
                            ("care", "Care"),
                            ("events", "Events"),
                            ("office", "Office and customer service"),
                            ("other", "Other"),
                        ],
                        max_length=32,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("jobs", models.PositiveIntegerField()),
                ("median", models.DecimalField(decimal_places=2, max_digits=6)),
                ("computed_at", models.DateTimeField()),
            ],
        ),
        migrations.RunSQL(sql=FILL, reverse_sql=migrations.RunSQL.noop),
    ]
