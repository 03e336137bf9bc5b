"""Indexes that job search walks and that find a word in titles (apps/jobs/search.py).

All are partial on `status = 'published'`, the only jobs search shows:

- the location's GiST index, for nearest-first (KNN `<->`) and radius reads;
- newest first, and best paid first, so that a page is read in its order;
- the title's text vector, so that title matches are found without reading
  every job whose description has the word.

Written as SQL because they are the search's, not the model's: the ORM never
builds queries that use them. CONCURRENTLY, so that adding them to a large
table does not stop writes.

An interrupted build (a timeout, a cancelled deploy) leaves an INVALID index of
the name behind: each is dropped first, so that running the migration again
builds it whole instead of failing or keeping the invalid one.
"""

from django.db import migrations

TITLE_VECTOR = "(to_tsvector('dutch'::regconfig, title::text) || to_tsvector('english'::regconfig, title::text))"

INDEXES = {
    "jobs_published_location": "USING gist (location)",
    "jobs_published_newest": "(published_at DESC, id)",
    "jobs_published_wage": "(hourly_wage DESC, published_at DESC, id)",
    "jobs_published_title_vector": f"USING gin ({TITLE_VECTOR})",
}


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("jobs", "0003_job_closed_at")]

    operations = [
        migrations.RunSQL(
            sql=[
                f"DROP INDEX CONCURRENTLY IF EXISTS {name}",
                f"CREATE INDEX CONCURRENTLY {name} ON jobs_job {definition} "
                "WHERE status = 'published'",
            ],
            reverse_sql=f"DROP INDEX CONCURRENTLY IF EXISTS {name}",
        )
        for name, definition in INDEXES.items()
    ]
