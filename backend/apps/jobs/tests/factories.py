from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from apps.core.geo import point
from apps.employers.tests.factories import ApprovedEmployerFactory
from apps.jobs.models import Job


class JobFactory(factory.django.DjangoModelFactory[Job]):
    """A published job of an approved employer in Utrecht, unless told otherwise."""

    class Meta:
        model = Job

    employer = factory.SubFactory(ApprovedEmployerFactory)
    title = "Orderpicker warehouse"
    description = (
        "Orderpicken in een koel magazijn, dag- en avonddiensten. Werkschoenen krijg je van ons."
    )
    category = Job.Category.LOGISTICS
    employment_type = Job.EmploymentType.TEMPORARY
    hourly_wage = Decimal("15.50")
    hours_per_week = 32
    min_age = 18
    positions = 2
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    address = "Nijverheidsweg 1"
    postal_code = "3534 AM"
    city = "Utrecht"
    location = factory.LazyFunction(lambda: point(latitude=52.0907, longitude=5.1214))
    status = Job.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class DraftJobFactory(JobFactory):
    status = Job.Status.DRAFT
    published_at = None
    expires_at = None
