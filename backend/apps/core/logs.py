"""Logging: the configuration call and filters for values a client chose."""

import logging
import logging.config
from typing import Any


def configure(logging_settings: dict[str, Any]) -> None:
    """LOGGING_CONFIG: Django's dictConfig, and Python's warnings logged like the rest.

    A warning would otherwise be two lines of plain text on stderr among the JSON.
    """
    logging.config.dictConfig(logging_settings)
    logging.captureWarnings(True)


class ShortArguments(logging.Filter):
    """Cuts a record's string arguments to `max_length` characters.

    django_guid logs an invalid incoming X-Request-ID as it came, and the client
    chooses how long that is. Filters alike are equal, so that a logger configured
    twice (gunicorn's master, then Django in the worker it forks) cuts once.
    """

    def __init__(self, max_length: int = 64) -> None:
        super().__init__()
        self.max_length = max_length

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ShortArguments) and other.max_length == self.max_length

    def __hash__(self) -> int:
        return hash((ShortArguments, self.max_length))

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(self._cut(arg) for arg in record.args)
        return True

    def _cut(self, arg: object) -> object:
        if isinstance(arg, str) and len(arg) > self.max_length:
            return f"{arg[: self.max_length]}… ({len(arg)} characters)"
        return arg


class NoQueryStrings(logging.Filter):
    """Cuts the query string off a record's path arguments (`/ws/v1/chat/?token=…`).

    uvicorn logs a WebSocket's path as the client sent it, and the contract puts
    the access token in its query string. Equal when alike, as ShortArguments.
    """

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoQueryStrings)

    def __hash__(self) -> int:
        return hash(NoQueryStrings)

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(self._cut(arg) for arg in record.args)
        return True

    @staticmethod
    def _cut(arg: object) -> object:
        if isinstance(arg, str) and arg.startswith("/") and "?" in arg:
            return arg.split("?", 1)[0] + "?…"
        return arg
