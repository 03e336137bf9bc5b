"""One inbox, one form of its address: checked in that form, and stored accounts rewritten to it."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError

from apps.users.models import User
from apps.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("apps.users.migrations.0005_email_one_form")

# Accepted as typed, but no address once folded: a second @, a slash, an empty label.
FOLDS_INTO_NO_ADDRESS = [
    "sanne@example.nl\uff20evil.com",
    "sanne@ex\u2100.nl",
    "sanne@ex\u2488.nl",
]


@pytest.mark.parametrize("email", FOLDS_INTO_NO_ADDRESS)
def test_an_address_whose_one_form_is_no_address_is_refused(api_client, email):
    response = api_client.post(
        "/api/v1/auth/magic-link/", {"email": email, "user_type": "candidate"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "email"
    assert not User.objects.exists()


@pytest.mark.parametrize("email", FOLDS_INTO_NO_ADDRESS)
def test_the_model_checks_the_one_form_too(email):
    user = User(email=email, user_type="candidate")

    with pytest.raises(ValidationError) as refused:
        user.full_clean()

    assert "email" in refused.value.message_dict


def test_the_migration_rewrites_stored_addresses_unless_another_account_has_the_form(capsys):
    unicode_domain = UserFactory(email="jan@example.org")
    User.objects.filter(pk=unicode_domain.pk).update(email="jan@bücher.de")
    UserFactory(email="sanne@example.nl")
    spelled_apart = UserFactory(email="other@example.org")
    User.objects.filter(pk=spelled_apart.pk).update(email="sanne@exam\u00adple.nl")

    MIGRATION.forwards(django_apps, None)

    assert User.objects.get(pk=unicode_domain.pk).email == "jan@xn--bcher-kva.de"
    assert User.objects.get(pk=spelled_apart.pk).email == "sanne@exam\u00adple.nl"
    assert "'sanne@example.nl' is another account" in capsys.readouterr().out
