"""The words of job titles, kept by the database: search's typo tolerance.

`jobs_title_words(text)` says what a word is (the lower-case tokens of PostgreSQL's
text parser, 3 to 64 characters); the trigger, the backfill below, the
benchmark's loader and the search's own words all use it. The trigger adds the
words of a new or retitled job in the job's transaction, in sorted order (two
transactions adding the same new words wait for each other instead of
deadlocking, unless one adds words in several statements).
"""

import django.contrib.postgres.indexes
from django.db import migrations, models

WORDS = """
CREATE FUNCTION jobs_title_words(title text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, title))) w
    WHERE length(w) BETWEEN 3 AND 64
$$;

CREATE FUNCTION jobs_titleword_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO jobs_titleword (word)
    SELECT w FROM jobs_title_words(NEW.title) w ORDER BY w
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER jobs_titleword_on_insert AFTER INSERT ON jobs_job
    FOR EACH ROW EXECUTE FUNCTION jobs_titleword_sync();
CREATE TRIGGER jobs_titleword_on_retitle AFTER UPDATE OF title ON jobs_job
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title)
    EXECUTE FUNCTION jobs_titleword_sync();

INSERT INTO jobs_titleword (word)
SELECT DISTINCT w FROM jobs_job j, jobs_title_words(j.title) w
ON CONFLICT DO NOTHING;
"""

DROP_WORDS = """
DROP TRIGGER jobs_titleword_on_retitle ON jobs_job;
DROP TRIGGER jobs_titleword_on_insert ON jobs_job;
DROP FUNCTION jobs_titleword_sync();
DROP FUNCTION jobs_title_words(text);
"""


class Migration(migrations.Migration):
    dependencies = [("jobs", "0005_job_location_rd")]

    operations = [
        migrations.CreateModel(
            name="TitleWord",
            fields=[
                ("word", models.CharField(max_length=64, primary_key=True, serialize=False)),
            ],
            options={
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        django.contrib.postgres.indexes.OpClass("word", name="gin_trgm_ops"),
                        name="jobs_titleword_trgm",
                    )
                ],
            },
        ),
        migrations.RunSQL(sql=WORDS, reverse_sql=DROP_WORDS),
    ]
