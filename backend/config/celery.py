"""The Celery application: email, notifications and periodic jobs run here."""

import os
from typing import Any

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")

app = Celery("safe_job")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def _log_as_django_does(**kwargs: Any) -> None:
    """The worker's lines are Django's (one JSON object a line in production).

    With a receiver here Celery configures no logging of its own: neither its
    text format on the root logger nor its task loggers' handlers. Its
    `--loglevel` is then LOG_LEVEL's to decide.
    """
    from django.conf import settings

    from apps.core.logs import configure

    configure(settings.LOGGING)
