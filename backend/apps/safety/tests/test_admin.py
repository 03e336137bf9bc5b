"""The audit trail in the Django admin: to read, never to add, edit or delete."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from apps.safety.models import AuditEvent
from apps.safety.tests.factories import AuditEventFactory
from apps.users.models import User

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/safety/auditevent/"


@pytest.fixture
def superuser_client() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("root@example.nl"))
    return client


@pytest.fixture
def event():
    return AuditEventFactory(
        target_id="employer-1234",
        reason="The KvK extract was forged.",
        actor__email="mod@example.nl",
    )


def rows() -> list[dict]:
    return list(AuditEvent.objects.order_by("pk").values())


def test_the_changelist_lists_and_searches(superuser_client, event):
    AuditEventFactory(target_id="employer-9999", reason="Looks fine.")

    response = superuser_client.get(CHANGELIST, {"q": "forged"})

    assert response.status_code == 200
    assert b"employer-1234" in response.content
    assert b"employer-9999" not in response.content
    assert b"mod@example.nl" in response.content


def test_the_changelist_filters_by_action_and_target_type(superuser_client, event):
    AuditEventFactory(action="job.approved", target_type="job", target_id="job-1")

    response = superuser_client.get(CHANGELIST, {"action": "job.approved", "target_type": "job"})

    assert response.status_code == 200
    assert b"job-1" in response.content
    assert b"employer-1234" not in response.content


def test_the_changelist_offers_no_add_button_and_no_bulk_delete(superuser_client, event):
    response = superuser_client.get(CHANGELIST)

    assert response.status_code == 200
    assert b"/admin/safety/auditevent/add/" not in response.content
    assert b"delete_selected" not in response.content


def test_the_change_view_is_read_only(superuser_client, event):
    response = superuser_client.get(f"{CHANGELIST}{event.pk}/change/")

    assert response.status_code == 200
    assert b"The KvK extract was forged." in response.content
    assert b'name="reason"' not in response.content
    assert b'name="_save"' not in response.content
    assert f"{CHANGELIST}{event.pk}/delete/".encode() not in response.content


def test_adding_is_refused(superuser_client):
    response = superuser_client.post(
        f"{CHANGELIST}add/",
        {"action": "employer.approved", "target_type": "employer", "target_id": "x"},
    )

    assert response.status_code == 403
    assert AuditEvent.objects.count() == 0


def test_changing_is_refused(superuser_client, event):
    before = rows()

    response = superuser_client.post(
        f"{CHANGELIST}{event.pk}/change/",
        {"action": "employer.approved", "target_type": "employer", "target_id": "x", "reason": "-"},
    )

    assert response.status_code == 403
    assert rows() == before


def test_deleting_is_refused(superuser_client, event):
    before = rows()

    page = superuser_client.get(f"{CHANGELIST}{event.pk}/delete/")
    response = superuser_client.post(f"{CHANGELIST}{event.pk}/delete/", {"post": "yes"})
    bulk = superuser_client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [str(event.pk)], "post": "yes"},
    )

    assert page.status_code == 403
    assert response.status_code == 403
    assert bulk.status_code == 200
    assert rows() == before


def test_staff_with_the_view_permission_can_read():
    moderator = User.objects.create_user("mod-staff@example.nl", user_type="admin", is_staff=True)
    moderator.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    client = Client()
    client.force_login(moderator)
    event = AuditEventFactory()

    listed = client.get(CHANGELIST)
    shown = client.get(f"{CHANGELIST}{event.pk}/change/")

    assert listed.status_code == 200
    assert shown.status_code == 200
    assert b'name="_save"' not in shown.content


def test_staff_without_the_view_permission_cannot():
    staff = User.objects.create_user("staff@example.nl", user_type="admin", is_staff=True)
    client = Client()
    client.force_login(staff)

    response = client.get(CHANGELIST)

    assert response.status_code == 403
