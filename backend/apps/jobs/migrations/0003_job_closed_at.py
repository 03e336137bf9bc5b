from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("jobs", "0002_minimum_wages_2025_2026")]

    operations = [
        migrations.AddField(
            model_name="job",
            name="closed_at",
            field=models.DateTimeField(blank=True, help_text="When the job was closed, filled or expired.", null=True),
        ),
    ]
