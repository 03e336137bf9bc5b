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
        # An interrupted build leaves an INVALID index of the name: built whole on a rerun.
        migrations.RunSQL(
            "DROP INDEX CONCURRENTLY IF EXISTS notifications_application",
            reverse_sql=migrations.RunSQL.noop,
        ),
        AddIndexConcurrently(
            model_name="notification",
            index=models.Index(
                django.db.models.fields.json.KeyTransform("application", "data"),
                name="notifications_application",
            ),
        ),
    ]
