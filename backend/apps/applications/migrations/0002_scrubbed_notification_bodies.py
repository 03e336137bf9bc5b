"""Applications scrubbed before the retention task also cleared notifications: their
notifications lose the body, where the employer's notes were copied."""

from django.db import migrations


def clear_bodies(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    Notification = apps.get_model("notifications", "Notification")
    ids = [
        str(pk)
        for pk in Application.objects.filter(personal_data_removed_at__isnull=False).values_list(
            "pk", flat=True
        )
    ]
    for start in range(0, len(ids), 1000):
        Notification.objects.filter(data__application__in=ids[start : start + 1000]).exclude(
            body=""
        ).update(body="")

class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("notifications", "0001_initial"),
    ]

    operations = [migrations.RunPython(clear_bodies, migrations.RunPython.noop)]
