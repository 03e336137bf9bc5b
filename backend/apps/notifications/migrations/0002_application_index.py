"""An index on the application a notification is about (`data -> 'application'`).

Retention (apps/applications/services.py) clears the bodies of the notifications
of the applications it scrubs: without it, it read every notification each time.
CONCURRENTLY, so that building it on a large table does not stop writes.
"""

import django.db.models.fields.json
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("notifications", "0001_initial")]

    operations = [
        AddIndexConcurrently(
            model_name="notification",
            index=models.Index(
                django.db.models.fields.json.KeyTransform("application", "data"),
                name="notifications_application",
            ),
        ),
    ]
