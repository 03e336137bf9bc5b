"""A published job's publication ends with its last day (`ends_on`), at the latest.

From now on publishing caps `expires_at` at the end of `ends_on` (Amsterdam time),
so that search, which hides a job once `expires_at` passes, no longer shows work
that is over. This caps the jobs published before; the expiry task then expires
those whose last day has passed.
"""

from django.db import migrations

# Not before now: a job over already leaves search now, and its closing date (which
# retention counts from) is when it left, not a day in the past.
CAP = """
UPDATE jobs_job
   SET expires_at = GREATEST(
           (ends_on + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam', statement_timestamp()
       )
 WHERE status IN ('published', 'pending_review')
   AND ends_on IS NOT NULL
   AND expires_at > GREATEST(
           (ends_on + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam', statement_timestamp()
       )
"""


class Migration(migrations.Migration):
    dependencies = [("jobs", "0009_filter_indexes")]

    operations = [migrations.RunSQL(CAP, reverse_sql=migrations.RunSQL.noop)]
