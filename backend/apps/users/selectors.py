"""Reads of accounts that decide something: which sign-ups nobody confirmed."""

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from apps.employers.models import EmployerProfile
from apps.users.models import User

# A sign-up whose link was never followed is an email address nobody confirmed (and
# someone else may have typed): kept this long, then deleted.
UNCONFIRMED_SIGN_UP_DAYS = 7


def unconfirmed_sign_ups() -> QuerySet[User]:
    """The accounts made by a sign-up request whose link nobody followed, a week on.

    Only accounts as sign-up left them: never signed in, email unconfirmed, active,
    older than UNCONFIRMED_SIGN_UP_DAYS and asked no link since, with their empty
    profile (no name, no company, no job, no application). An account a moderator
    filled in or deactivated in the admin, or any staff account, is not one.
    """
    cutoff = timezone.now() - timedelta(days=UNCONFIRMED_SIGN_UP_DAYS)
    pristine = Q(
        user_type=User.UserType.CANDIDATE,
        candidate_profile__first_name="",
        candidate_profile__last_name="",
        candidate_profile__applications__isnull=True,
    ) | Q(
        user_type=User.UserType.EMPLOYER,
        employer_profile__company_name="",
        employer_profile__verification_status=EmployerProfile.VerificationStatus.UNVERIFIED,
        employer_profile__jobs__isnull=True,
    )
    return User.objects.filter(
        pristine,
        email_verified=False,
        last_login__isnull=True,
        # A deactivated account is an admin's block: the address gets no more mail.
        is_active=True,
        is_staff=False,
        is_superuser=False,
        date_joined__lt=cutoff,
    ).exclude(magic_link_tokens__created_at__gte=cutoff)
