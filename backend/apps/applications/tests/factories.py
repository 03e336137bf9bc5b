import factory

from apps.applications.models import Application
from apps.candidates.tests.factories import CandidateProfileFactory
from apps.jobs.tests.factories import JobFactory


class ApplicationFactory(factory.django.DjangoModelFactory[Application]):
    class Meta:
        model = Application

    candidate = factory.SubFactory(CandidateProfileFactory)
    job = factory.SubFactory(JobFactory)
    cover_letter = "Ik heb drie jaar ervaring als orderpicker."
