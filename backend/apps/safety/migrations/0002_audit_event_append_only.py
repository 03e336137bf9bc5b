from django.db import migrations

APPEND_ONLY = """
CREATE FUNCTION safety_auditevent_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Erasing the actor's account (the foreign key's SET NULL) may clear actor_id, and nothing else.
    IF TG_OP = 'UPDATE'
       AND NEW.actor_id IS NULL
       AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: % of event % refused', TG_OP, OLD.id
        USING ERRCODE = 'restrict_violation',
              HINT = 'Record a new event that corrects it instead.';
END;
$$;

CREATE TRIGGER safety_auditevent_append_only
    BEFORE UPDATE OR DELETE ON safety_auditevent
    FOR EACH ROW EXECUTE FUNCTION safety_auditevent_append_only();
"""

DROP_APPEND_ONLY = """
DROP TRIGGER IF EXISTS safety_auditevent_append_only ON safety_auditevent;
DROP FUNCTION IF EXISTS safety_auditevent_append_only();
"""


class Migration(migrations.Migration):
    """The database refuses to edit or remove audit events, whatever the code above it does.

    TRUNCATE is left alone: test runs empty tables with it, and only the table's
    owner may truncate.
    """

    dependencies = [
        ("safety", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(sql=APPEND_ONLY, reverse_sql=DROP_APPEND_ONLY),
    ]
