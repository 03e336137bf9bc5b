"""Stored websites are rewritten to the form the API now stores (migration 0002)."""

import importlib

import pytest
from django.apps import apps as django_apps

from apps.employers.models import EmployerProfile
from apps.employers.tests.factories import EmployerProfileFactory

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("apps.employers.migrations.0002_website_one_form")


def stored(website):
    employer = EmployerProfileFactory()
    EmployerProfile.objects.filter(pk=employer.pk).update(website=website)
    return employer


def test_the_migration_writes_hosts_in_ascii_and_names_what_the_api_now_refuses(capsys):
    unicode_host = stored("https://B\u00e4ckerei.nl/\u00f6ver-ons")
    plain = stored("https://bakkerij.nl/over-ons")
    local = stored("http://localhost:8000/")
    credentials = stored("https://user:pw@evil.example")
    sharp_s = stored("https://stra\u00dfe.de")
    none = stored("")

    MIGRATION.forwards(django_apps, None)

    websites = dict(EmployerProfile.objects.values_list("pk", "website"))
    assert websites == {
        unicode_host.pk: "https://xn--bckerei-5wa.nl/%C3%B6ver-ons",
        plain.pk: "https://bakkerij.nl/over-ons",
        local.pk: "http://localhost:8000/",
        credentials.pk: "https://user:pw@evil.example",
        sharp_s.pk: "https://stra\u00dfe.de",
        none.pk: "",
    }
    out = capsys.readouterr().out
    for employer in (local, credentials, sharp_s):
        assert f"employer {employer.pk}: website" in out
    for employer in (unicode_host, plain, none):
        assert str(employer.pk) not in out
