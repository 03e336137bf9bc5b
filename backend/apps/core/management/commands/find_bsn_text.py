"""List the stored records whose free text holds a BSN by today's check.

The BSN check (`apps.core.validators.contains_bsn`) grows: text stored before a
new way of writing a BSN was recognised may hold one. Such a record cannot be
saved again until that text changes (every model validates its fields on save),
so support finds them here and asks their owners to edit them. The text itself
is never printed: a BSN must not travel into logs or terminals.
"""

from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models

from apps.core.validators import contains_bsn, validate_no_bsn

CHUNK = 2000


def checked_fields() -> Iterator[tuple[type[models.Model], str]]:
    """Every model field the BSN check guards, in a stable order."""
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        for field in model._meta.concrete_fields:
            if validate_no_bsn in field.validators:
                yield model, field.name


def records_with_bsn(model: type[models.Model], field: str) -> Iterator[tuple[Any, ...]]:
    """The primary keys of the model's records whose `field` holds a BSN."""
    rows = (
        model._default_manager.exclude(**{field: ""})
        .order_by("pk")
        .values_list("pk", field)
        .iterator(chunk_size=CHUNK)
    )
    for pk, text in rows:
        if contains_bsn(text):
            yield pk


class Command(BaseCommand):
    help = (
        "List the records (model, id, field) whose stored free text holds a BSN by today's"
        " check, without the text: the fields the models themselves check (which block a"
        " record's saving), not text checked only as the API takes it. Exits with status 1"
        " when it finds any."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--model",
            action="append",
            default=[],
            metavar="APP_LABEL.MODEL",
            help="Only this model (repeatable), e.g. jobs.Job.",
        )

    def handle(self, *args: Any, model: list[str], **options: Any) -> None:
        fields = list(checked_fields())
        labels = {m._meta.label_lower for m, _ in fields}
        wanted = {label.lower() for label in model}
        if unknown := sorted(wanted - labels):
            raise CommandError(
                f"No BSN-checked text in {', '.join(unknown)}; "
                f"choose from {', '.join(sorted(labels))}."
            )
        found = 0
        for checked, field in fields:
            if wanted and checked._meta.label_lower not in wanted:
                continue
            for pk in records_with_bsn(checked, field):
                self.stdout.write(f"{checked._meta.label}\t{pk}\t{field}")
                found += 1
        self.stderr.write(f"{found} record(s) hold a BSN.")
        if found:
            raise SystemExit(1)
