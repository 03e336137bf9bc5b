"""What a client chose stays one short line in the log, without its query string."""

import logging

import pytest

from apps.core.logs import NoQueryStrings
from apps.core.middleware import LOGGED_PATH_LENGTH, loggable_path


def record(message: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("uvicorn.error", logging.INFO, __file__, 1, message, args, None)


def test_a_websockets_token_in_its_query_string_is_cut_off():
    line = record('%s - "WebSocket %s" %s', "127.0.0.1:4923", "/ws/v1/chat/?token=eyJ.a.b", 403)

    assert NoQueryStrings().filter(line) is True
    assert line.getMessage() == '127.0.0.1:4923 - "WebSocket /ws/v1/chat/?…" 403'


def test_arguments_that_are_no_paths_are_left_alone():
    line = record("%s %s %s", "a?b", "/plain/path", 7)

    NoQueryStrings().filter(line)

    assert line.args == ("a?b", "/plain/path", 7)


def test_a_path_with_a_line_break_stays_on_one_line():
    assert loggable_path("/api/v1/x\n2026-11-27 INFO forged/é") == (
        "/api/v1/x\\x0a2026-11-27 INFO forged/é"
    )


def test_a_long_path_is_cut_and_says_how_long_it_was():
    logged = loggable_path("/" + "a" * 1000)

    assert logged == f"/{'a' * (LOGGED_PATH_LENGTH - 1)}… (1001 characters)"


def handlers_reached(name: str) -> list[logging.Handler]:
    """The handlers a record of this logger goes to, up its chain as logging walks it."""
    logger: logging.Logger | None = logging.getLogger(name)
    reached: list[logging.Handler] = []
    while logger is not None:
        reached += logger.handlers
        logger = logger.parent if logger.propagate else None
    return reached


@pytest.mark.parametrize("logger", ["django.channels.server", "django.server"])
def test_runserver_s_own_request_lines_are_not_written(logger):
    # Ours (apps.core.access) is the one access line; theirs carry the query string.
    # A null handler, not none: Python's last resort would print their 4xx and 5xx.
    reached = handlers_reached(logger)

    assert reached
    assert all(isinstance(handler, logging.NullHandler) for handler in reached)
