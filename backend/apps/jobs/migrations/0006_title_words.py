"""The words of published jobs' titles, kept by the database: search's typo tolerance.

`jobs_fold(text)` is the text without accents (unaccent, as an immutable function
an index can use): a search word is compared with the title words folded, so
`concierge` finds `conciërge` and `cafe` finds `café`.

`jobs_title_words(text)` says what a word is (the lower-case tokens of PostgreSQL's
text parser, 3 to 64 characters); the triggers, `jobs_titleword_refresh()`, and
the search's own words use it. The triggers add the words of a job as it is
published or retitled while published, in its transaction and in sorted order
(two transactions adding the same new words wait for each other instead of
deadlocking, unless one adds words in several statements). Drafts add nothing:
nobody can fill the vocabulary with words no worker sees.

`jobs_titleword_refresh()` makes the vocabulary the words of the published jobs
(adding what is missing, removing the words no published job has): run by the
next migration and daily by Celery beat (`apps.jobs.tasks.title_words_refresh`).
"""

import django.contrib.postgres.indexes
from django.db import migrations, models

FOLD = """
CREATE FUNCTION jobs_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT public.unaccent('public.unaccent'::regdictionary, $1)
$$;
"""

WORDS = """
SET LOCAL lock_timeout = '10s';

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
    FOR EACH ROW WHEN (NEW.status = 'published')
    EXECUTE FUNCTION jobs_titleword_sync();
CREATE TRIGGER jobs_titleword_on_publish AFTER UPDATE OF title, status ON jobs_job
    FOR EACH ROW WHEN (
        NEW.status = 'published'
        AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.title IS DISTINCT FROM NEW.title)
    )
    EXECUTE FUNCTION jobs_titleword_sync();

CREATE FUNCTION jobs_titleword_refresh(OUT added bigint, OUT removed bigint)
LANGUAGE sql AS $$
    -- Waits for the transactions whose triggers touched the vocabulary (and holds
    -- off new ones), so that the next statement's snapshot sees every job they
    -- published: a word one of them uses is not removed as unused.
    LOCK TABLE jobs_titleword IN SHARE ROW EXCLUSIVE MODE;
    WITH published AS (
        SELECT DISTINCT w AS word FROM jobs_job j, jobs_title_words(j.title) w
        WHERE j.status = 'published'
    ),
    gone AS (
        DELETE FROM jobs_titleword v
        WHERE NOT EXISTS (SELECT 1 FROM published p WHERE p.word = v.word)
        RETURNING 1
    ),
    new AS (
        INSERT INTO jobs_titleword (word) SELECT word FROM published ORDER BY word
        ON CONFLICT DO NOTHING
        RETURNING 1
    )
    SELECT (SELECT count(*) FROM new), (SELECT count(*) FROM gone)
$$;
"""

DROP_WORDS = """
DROP FUNCTION jobs_titleword_refresh();
DROP TRIGGER jobs_titleword_on_publish ON jobs_job;
DROP TRIGGER jobs_titleword_on_insert ON jobs_job;
DROP FUNCTION jobs_titleword_sync();
DROP FUNCTION jobs_title_words(text);
"""


class Migration(migrations.Migration):
    dependencies = [("jobs", "0005_job_location_rd")]

    operations = [
        migrations.RunSQL(
            # In public, where jobs_fold looks for it.
            sql="CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public",
            reverse_sql="DROP EXTENSION IF EXISTS unaccent",
        ),
        migrations.RunSQL(sql=FOLD, reverse_sql="DROP FUNCTION jobs_fold(text)"),
        migrations.CreateModel(
            name="TitleWord",
            fields=[
                ("word", models.CharField(max_length=64, primary_key=True, serialize=False)),
            ],
            options={
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        django.contrib.postgres.indexes.OpClass(
                            models.Func(
                                models.F("word"),
                                function="jobs_fold",
                                output_field=models.TextField(),
                            ),
                            name="gin_trgm_ops",
                        ),
                        name="jobs_titleword_trgm",
                    )
                ],
            },
        ),
        migrations.RunSQL(sql=WORDS, reverse_sql=DROP_WORDS),
    ]
