import factory

from apps.candidates.models import CandidateProfile
from apps.core.geo import point
from apps.users.tests.factories import UserFactory


class CandidateProfileFactory(factory.django.DjangoModelFactory[CandidateProfile]):
    class Meta:
        model = CandidateProfile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory, user_type="candidate")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    city = "Utrecht"
    postal_code = "3511 AB"
    location = factory.LazyFunction(lambda: point(latitude=52.0907, longitude=5.1214))
    skills = factory.LazyFunction(lambda: ["forklift", "order picking"])
