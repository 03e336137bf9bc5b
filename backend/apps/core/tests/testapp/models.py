from django.db import models

from apps.core.models import AuditableModel


class Widget(AuditableModel):
    """Exists only so the abstract base models can be tested on a real table."""

    name = models.CharField(max_length=50)
