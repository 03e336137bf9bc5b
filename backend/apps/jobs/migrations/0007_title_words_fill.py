"""The vocabulary filled from the published jobs already there.

Apart from 0006, so that reading every title (seconds over a million jobs) runs
in a transaction of its own: 0006's triggers, whose creation blocks writes to
jobs_job until its transaction ends, are in place and keep what is written
meanwhile.
"""

from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("jobs", "0006_title_words")]

    operations = [
        migrations.RunSQL(
            sql="SELECT jobs_titleword_refresh()", reverse_sql="TRUNCATE jobs_titleword"
        ),
    ]
