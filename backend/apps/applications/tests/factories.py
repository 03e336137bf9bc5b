import factory

from apps.applications.models import Application, ApplicationEvent
from apps.candidates.tests.factories import CandidateProfileFactory
from apps.jobs.tests.factories import JobFactory


class ApplicationFactory(factory.django.DjangoModelFactory[Application]):
    class Meta:
        model = Application

    candidate = factory.SubFactory(CandidateProfileFactory)
    job = factory.SubFactory(JobFactory)
    cover_letter = "Ik heb drie jaar ervaring als orderpicker."


def with_note(application: Application, note: str = "Sterke kandidaat") -> Application:
    """The application with one move in its history carrying a note (personal content)."""
    ApplicationEvent.objects.create(
        application=application,
        from_status="submitted",
        to_status=application.status,
        note=note,
    )
    return application
