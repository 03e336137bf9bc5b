import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.users.models import User
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_create_user_stores_one_lower_case_email_and_no_usable_password():
    user = User.objects.create_user("  Anna.de.Vries@Example.NL ", user_type="employer")

    user.refresh_from_db()
    assert user.email == "anna.de.vries@example.nl"
    assert user.user_type == "employer"
    assert not user.has_usable_password()
    assert (user.is_staff, user.is_superuser, user.is_active) == (False, False, True)
    assert (user.email_verified, user.phone_verified, user.phone_number) == (False, False, "")
    assert not hasattr(user, "username")


def test_email_is_unique_whatever_its_case():
    User.objects.create_user("jan@example.nl")

    with pytest.raises(ValidationError) as exc:
        User.objects.create_user("JAN@example.nl")

    assert "email" in exc.value.message_dict
    assert User.objects.count() == 1


def test_database_refuses_a_case_variant_written_past_the_manager():
    User.objects.create_user("jan@example.nl")

    with pytest.raises(IntegrityError), transaction.atomic():
        User(email="Jan@Example.nl").save()

    assert User.objects.count() == 1


def test_sign_in_lookup_ignores_case():
    user = UserFactory(email="piet@example.nl")

    assert User.objects.get_by_natural_key("PIET@Example.NL") == user


def test_create_user_needs_an_email():
    with pytest.raises(ValueError, match="email"):
        User.objects.create_user("")


def test_create_user_refuses_a_malformed_email():
    with pytest.raises(ValidationError) as exc:
        User.objects.create_user("not-an-email")

    assert "email" in exc.value.message_dict
    assert not User.objects.exists()


def test_create_user_with_a_password():
    user = User.objects.create_user("staff@example.nl", password="correct horse battery staple")

    assert user.check_password("correct horse battery staple")


def test_create_superuser_is_a_verified_admin():
    user = User.objects.create_superuser("root@example.nl", password="correct horse battery staple")

    assert (user.is_staff, user.is_superuser, user.user_type, user.email_verified) == (
        True,
        True,
        "admin",
        True,
    )
    assert user.is_moderator


def test_create_superuser_refuses_to_be_less():
    with pytest.raises(ValueError, match="is_staff"):
        User.objects.create_superuser("root@example.nl", is_staff=False)
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("user_type", "is_staff", "roles"),
    [
        ("candidate", False, (True, False, False)),
        ("employer", False, (False, True, False)),
        ("admin", False, (False, False, True)),
        ("candidate", True, (True, False, True)),
    ],
)
def test_roles(user_type, is_staff, roles):
    user = UserFactory(user_type=user_type, is_staff=is_staff)

    assert (user.is_candidate, user.is_employer, user.is_moderator) == roles


def test_unknown_user_type_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="x@example.nl", user_type="superhero")])


def test_phone_number_must_be_stored_in_e164():
    with pytest.raises(ValidationError) as exc:
        User.objects.create_user("p@example.nl", phone_number="0612345678")

    assert "phone_number" in exc.value.message_dict
    assert (
        User.objects.create_user("q@example.nl", phone_number="+31612345678").phone_number
        == "+31612345678"
    )


def test_str_is_the_email():
    assert str(UserFactory(email="kim@example.nl")) == "kim@example.nl"
