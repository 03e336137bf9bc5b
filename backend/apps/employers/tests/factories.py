import factory
from django.utils import timezone

from apps.core.geo import point
from apps.employers.models import EmployerProfile
from apps.users.tests.factories import UserFactory


class EmployerProfileFactory(factory.django.DjangoModelFactory[EmployerProfile]):
    """A complete profile, not yet checked."""

    class Meta:
        model = EmployerProfile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory, user_type="employer")
    company_name = factory.Sequence(lambda n: f"Bakkerij de Vries {n} B.V.")
    kvk_number = factory.Sequence(lambda n: f"{60000000 + n:08d}")
    website = "https://bakkerijdevries.example"
    address = "Oudegracht 1"
    postal_code = "3511 AB"
    city = "Utrecht"
    location = factory.LazyFunction(lambda: point(latitude=52.0907, longitude=5.1214))


class ApprovedEmployerFactory(EmployerProfileFactory):
    verification_status = EmployerProfile.VerificationStatus.APPROVED
    verification_requested_at = factory.LazyFunction(timezone.now)
    verified_at = factory.LazyFunction(timezone.now)
