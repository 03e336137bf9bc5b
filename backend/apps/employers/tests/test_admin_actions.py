import pytest
from django.test import Client

from apps.employers.models import EmployerProfile
from apps.employers.tests.factories import EmployerProfileFactory
from apps.safety.models import AuditEvent
from apps.users.models import User

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/employers/employerprofile/"


@pytest.fixture
def admin_client_for_moderator() -> tuple[Client, User]:
    moderator = User.objects.create_superuser("mod@example.nl")
    client = Client()
    client.force_login(moderator)
    return client, moderator


def test_the_changelist_filters_by_status(admin_client_for_moderator):
    client, _ = admin_client_for_moderator
    EmployerProfileFactory(company_name="Wachtend B.V.", verification_status="pending")
    EmployerProfileFactory(company_name="Afgewezen B.V.", verification_status="rejected")

    response = client.get(CHANGELIST, {"verification_status__exact": "pending"})

    assert response.status_code == 200
    assert b"Wachtend B.V." in response.content
    assert b"Afgewezen B.V." not in response.content


def test_rejecting_asks_for_a_reason_first(admin_client_for_moderator):
    client, _ = admin_client_for_moderator
    employer = EmployerProfileFactory(verification_status="pending")

    form = client.post(CHANGELIST, {"action": "reject", "_selected_action": [employer.pk]})
    empty = client.post(
        CHANGELIST,
        {"action": "reject", "_selected_action": [employer.pk], "apply": "Reject", "reason": ""},
    )

    assert form.status_code == 200
    assert b'name="reason"' in form.content
    assert empty.status_code == 200
    assert b"Say why" in empty.content
    employer.refresh_from_db()
    assert employer.verification_status == "pending"


def test_rejecting_with_a_reason_goes_through_the_service(admin_client_for_moderator):
    client, moderator = admin_client_for_moderator
    employer = EmployerProfileFactory(verification_status="pending")

    response = client.post(
        CHANGELIST,
        {
            "action": "reject",
            "_selected_action": [employer.pk],
            "apply": "Reject",
            "reason": "Fake KvK extract.",
        },
    )

    assert response.status_code == 302
    employer.refresh_from_db()
    assert (employer.verification_status, employer.rejection_reason) == (
        "rejected",
        "Fake KvK extract.",
    )
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.reason) == (
        "employer.rejected",
        moderator,
        "Fake KvK extract.",
    )


def test_approving_a_non_pending_employer_reports_the_refusal(admin_client_for_moderator):
    client, _ = admin_client_for_moderator
    employer = EmployerProfileFactory(verification_status="unverified")

    response = client.post(
        CHANGELIST,
        {"action": "approve", "_selected_action": [employer.pk], "apply": "Approve", "reason": ""},
        follow=True,
    )

    assert response.status_code == 200
    assert b"cannot become approved" in response.content
    employer.refresh_from_db()
    assert employer.verification_status == "unverified"
    assert not AuditEvent.objects.exists()


def test_approving_an_incomplete_profile_reports_the_missing_fields(admin_client_for_moderator):
    client, _ = admin_client_for_moderator
    employer = EmployerProfileFactory(verification_status="pending", address="", city="")

    response = client.post(
        CHANGELIST,
        {"action": "approve", "_selected_action": [employer.pk], "apply": "Approve", "reason": ""},
        follow=True,
    )

    assert response.status_code == 200
    [message] = [str(m) for m in response.context["messages"]]
    assert message == (
        f"{employer}: address: The profile lacks this; the employer must fill it in first. "
        "city: The profile lacks this; the employer must fill it in first."
    )
    employer.refresh_from_db()
    assert employer.verification_status == "pending"
    assert not AuditEvent.objects.exists()


def test_profiles_cannot_be_added_or_deleted_in_the_admin(admin_client_for_moderator):
    client, _ = admin_client_for_moderator
    employer = EmployerProfileFactory()

    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert client.post(f"{CHANGELIST}{employer.pk}/delete/", {"post": "yes"}).status_code == 403


def test_the_change_form_shows_the_profile_and_edits_nothing(admin_client_for_moderator):
    client, _ = admin_client_for_moderator
    employer = EmployerProfileFactory(company_name="Flex Partners B.V.", kvk_number="87654321")
    before = EmployerProfile.objects.values().get(pk=employer.pk)

    page = client.get(f"{CHANGELIST}{employer.pk}/change/")
    posted = client.post(
        f"{CHANGELIST}{employer.pk}/change/",
        {"address": "Straat 1 bsn 111222333", "city": "Nergenshuizen", "website": ""},
    )

    assert page.status_code == 200
    html = page.content.decode()
    assert "Flex Partners B.V." in html
    assert "87654321" in html
    for field in ("user", "company_name", "kvk_number", "address", "city", "website"):
        assert f'name="{field}"' not in html, field
    assert posted.status_code == 403
    assert EmployerProfile.objects.values().get(pk=employer.pk) == before
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("action", "start"), [("approve", "pending"), ("reject", "pending"), ("suspend", "approved")]
)
def test_a_reason_holding_a_bsn_is_refused_on_the_form(admin_client_for_moderator, action, start):
    client, _ = admin_client_for_moderator
    employer = EmployerProfileFactory(verification_status=start)

    response = client.post(
        CHANGELIST,
        {
            "action": action,
            "_selected_action": [employer.pk],
            "apply": action.title(),
            "reason": "BSN 111 222 333 staat op het uittreksel.",
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors == {
        "reason": ["Remove the citizen service number (BSN): the platform may not store it."]
    }
    assert b"Remove the citizen service number (BSN)" in response.content
    employer.refresh_from_db()
    assert employer.verification_status == start
    assert not AuditEvent.objects.exists()
