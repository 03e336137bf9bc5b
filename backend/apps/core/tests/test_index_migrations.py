"""A migration that builds an index CONCURRENTLY can be run again after an interrupted build.

An interrupted `CREATE INDEX CONCURRENTLY` (a statement timeout, a cancelled
deploy) leaves an INVALID index of the name: the next `migrate` failed on it
("already exists") or, with IF NOT EXISTS, kept it and never used it.
"""

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


def index_state(name: str) -> bool | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)", [name]
        )
        row = cursor.fetchone()
    return None if row is None else bool(row[0])


@pytest.mark.parametrize(
    ("app", "before", "after", "name", "definition"),
    [
        (
            "notifications",
            "0001_initial",
            "0002_application_index",
            "notifications_application",
            "ON notifications_notification ((data -> 'application'))",
        ),
        (
            "jobs",
            "0008_category_wage",
            "0009_filter_indexes",
            "jobs_published_starts_on",
            "ON jobs_job (starts_on)",
        ),
    ],
)
def test_an_index_left_invalid_is_built_whole_on_the_next_migrate(
    app, before, after, name, definition
):
    call_command("migrate", app, before, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE INDEX {name} {definition}")  # nosec B608
        # As an interrupted CONCURRENTLY build leaves it.
        cursor.execute(
            "UPDATE pg_index SET indisvalid = false WHERE indexrelid = to_regclass(%s)", [name]
        )
    assert index_state(name) is False
    try:
        call_command("migrate", app, after, verbosity=0)

        assert index_state(name) is True
    finally:
        call_command("migrate", verbosity=0)
