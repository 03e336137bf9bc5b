"""Logging: the configuration call."""

import logging
import logging.config
from typing import Any


def configure(logging_settings: dict[str, Any]) -> None:
    """LOGGING_CONFIG: Django's dictConfig, and Python's warnings logged like the rest.

    A warning would otherwise be two lines of plain text on stderr among the JSON.
    """
    logging.config.dictConfig(logging_settings)
    logging.captureWarnings(True)
