import pytest
from django.core.management import call_command

from apps.users.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent():
    call_command("seed_demo", verbosity=0)
    first = set(User.objects.values_list("email", "user_type"))
    call_command("seed_demo", verbosity=0)

    assert set(User.objects.values_list("email", "user_type")) == first
    assert ("moderator@demo.safejob.test", "admin") in first
    assert {t for _, t in first} == {"admin", "candidate", "employer"}
