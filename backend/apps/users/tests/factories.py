import factory

from apps.users.models import User


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.nl")
    user_type = User.UserType.CANDIDATE

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create_user(*args, **kwargs)


class CandidateFactory(UserFactory):
    user_type = User.UserType.CANDIDATE


class EmployerUserFactory(UserFactory):
    user_type = User.UserType.EMPLOYER


class ModeratorFactory(UserFactory):
    user_type = User.UserType.ADMIN
