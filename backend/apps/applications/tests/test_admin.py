"""The applications' admin reads a page in a constant number of queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.applications.models import ApplicationEvent
from apps.applications.tests.factories import ApplicationFactory
from apps.users.models import User
from apps.users.tests.factories import ModeratorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("root@example.nl"))
    return client


def queries(client: Client, url: str) -> int:
    assert client.get(url).status_code == 200  # warm: content types are cached per process
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_for_one_application_or_ten(admin_client):
    ApplicationFactory()
    one = queries(admin_client, "/admin/applications/application/")
    for _ in range(9):
        ApplicationFactory()

    assert queries(admin_client, "/admin/applications/application/") == one


def move(application) -> None:
    """A move by a moderator of its own: each row's actor is another account."""
    ApplicationEvent.objects.create(
        application=application,
        from_status="submitted",
        to_status="reviewing",
        actor=ModeratorFactory(),
        note="Sterke kandidaat",
    )


def test_the_history_costs_the_same_for_one_move_or_ten(admin_client):
    application = ApplicationFactory()
    url = f"/admin/applications/application/{application.pk}/change/"
    move(application)
    one = queries(admin_client, url)
    for _ in range(9):
        move(application)

    assert queries(admin_client, url) == one
