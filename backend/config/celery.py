"""The Celery application: email, notifications and periodic jobs run here."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")

app = Celery("safe_job")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
