"""Business actions on accounts: sign-up and sign-in by magic link, tokens, phone verification."""

import logging
from smtplib import SMTPException
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.utils import datetime_from_epoch

from apps.candidates.models import CandidateProfile
from apps.candidates.services import candidate_profile_create
from apps.core.exceptions import field_error
from apps.core.sms import send_sms
from apps.employers.models import EmployerProfile
from apps.employers.services import employer_profile_create
from apps.users import emails, tasks, tokens
from apps.users.models import MagicLinkToken, PhoneVerification, User
from apps.users.selectors import unconfirmed_sign_ups

logger = logging.getLogger(__name__)

SELF_SERVICE_USER_TYPES = (User.UserType.CANDIDATE, User.UserType.EMPLOYER)
INVALID_TOKEN_DETAIL = (
    "This sign-in link is invalid or has expired. Ask for a new one."  # noqa: S105  # nosec B105
)
INVALID_CODE_DETAIL = "This code is wrong or has expired. Ask for a new one."


@transaction.atomic
def user_create(*, email: str, user_type: str) -> User:
    """A candidate or employer account with its empty profile; never an admin (moderators are made by command)."""
    if user_type not in SELF_SERVICE_USER_TYPES:
        raise ValueError(f"accounts of type {user_type!r} are not made through sign-up")
    user = User.objects.create_user(email, user_type=user_type)
    if user_type == User.UserType.CANDIDATE:
        candidate_profile_create(user=user)
    else:
        employer_profile_create(user=user)
    return user


def _user_get_or_create_for_sign_up(*, email: str, user_type: str | None) -> User | None:
    user = User.objects.select_for_update().filter(email=email).first()
    if user is not None or not user_type:
        return user
    try:
        with transaction.atomic():
            return user_create(email=email, user_type=user_type)
    except IntegrityError:
        # A concurrent request made the same account a moment ago.
        return User.objects.select_for_update().get(email=email)


@transaction.atomic
def unconfirmed_sign_up_delete(*, user_id: Any) -> bool:
    """Delete the account if it is still an unconfirmed sign-up once locked.

    A link asked for since it was listed (its token is made under this lock), a
    link followed, or an admin's edit keeps it.
    """
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None or not unconfirmed_sign_ups().filter(pk=user_id).exists():
        return False
    user.delete()
    return True


def unconfirmed_sign_ups_delete() -> int:
    """Delete every unconfirmed sign-up (daily): returns how many went."""
    listed = list(unconfirmed_sign_ups().values_list("pk", flat=True).distinct())
    return sum(unconfirmed_sign_up_delete(user_id=pk) for pk in listed)


def _magic_link_token_create(
    *, user: User, ip: str | None, user_agent: str, requested_user_type: str | None = None
) -> tuple[str, MagicLinkToken]:
    """A new token; older live ones stay valid (people click the first email), at most 5 in all."""
    now = timezone.now()
    live = MagicLinkToken.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now)
    keep = settings.MAGIC_LINK_MAX_LIVE_TOKENS - 1
    oldest = list(live.order_by("-created_at").values_list("pk", flat=True)[keep:])
    if oldest:
        MagicLinkToken.objects.filter(pk__in=oldest).update(expires_at=now)
    token = tokens.new_magic_token()
    link = MagicLinkToken.objects.create(
        user=user,
        token_hash=tokens.hash_magic_token(token),
        created_at=now,
        expires_at=now + settings.MAGIC_LINK_TTL,
        requested_ip=ip,
        user_agent=user_agent,
        requested_user_type=requested_user_type or "",
        email=user.email,
    )
    return token, link


def magic_link_request(
    *, email: str, user_type: str | None, ip: str | None, user_agent: str, language: str
) -> None:
    """Queue the sign-in request; the worker does the rest (`sign_in_link_send`).

    The request itself reads and writes nothing, so it takes the same time
    whether the address has an account, is new, or is made one: its timing
    tells a caller nothing. The token is made in the worker and never travels
    through the broker.
    """
    request = {
        "email": User.objects.normalize_email(email),
        "user_type": user_type,
        "ip": ip,
        "user_agent": user_agent,
        "language": language,
    }
    transaction.on_commit(lambda: tasks.send_sign_in_link.delay(**request), robust=True)


def sign_in_link_send(
    *, email: str, user_type: str | None, ip: str | None, user_agent: str, language: str
) -> None:
    """Email a sign-in link, or a note that no account exists (in the Celery worker).

    A link whose email could not be sent is voided before the error goes up,
    so the retries' fresh links do not pile up among the person's live ones.
    """
    with transaction.atomic():
        user = _user_get_or_create_for_sign_up(email=email, user_type=user_type)
        if user is not None and user.is_active:
            token, link = _magic_link_token_create(
                user=user, ip=ip, user_agent=user_agent, requested_user_type=user_type
            )
    if user is None:
        emails.send_no_account(to=email, language=language)
        return
    if not user.is_active:
        logger.info("magic link asked for an inactive account %s", user.pk)
        return
    try:
        emails.send_magic_link(
            to=user.email, token=token, language=user.preferred_language or language
        )
    except (SMTPException, OSError):
        MagicLinkToken.objects.filter(pk=link.pk).update(expires_at=timezone.now())
        raise


def magic_link_verify(*, token: Any, language: str = "") -> User:
    """Claim the token once, with one conditional UPDATE, and sign its user in.

    `language`: the browser's, when it named one. At its first sign-in an account
    without a chosen language takes it, so that what is written for it later
    (notifications and their emails, written without a browser to ask) is in the
    language it signed up in; `PATCH /users/me/` changes it (empty again: the
    browser's at each request, as before).
    """
    if not tokens.is_well_formed_magic_token(token):
        raise field_error("token", INVALID_TOKEN_DETAIL, "invalid_token")
    token_hash = tokens.hash_magic_token(token)
    now = timezone.now()
    with transaction.atomic():
        claimed = MagicLinkToken.objects.filter(
            token_hash=token_hash, used_at__isnull=True, expires_at__gt=now
        ).update(used_at=now)
        link = MagicLinkToken.objects.select_related("user").filter(token_hash=token_hash).first()
        user = link.user if link else None
        # A link sent before the account's address changed signs nobody in.
        if claimed == 1 and link and user and user.is_active and link.email == user.email:
            first = _never_signed_in(user)
            if first and link.requested_user_type not in ("", user.user_type):
                _user_type_switch(user=user, user_type=link.requested_user_type)
            user.email_verified = True
            user.last_login = now
            fields = ["email_verified", "last_login", "updated_at"]
            if first and not user.preferred_language and language in dict(settings.LANGUAGES):
                user.preferred_language = language
                fields.append("preferred_language")
            user.save(update_fields=fields)
            return user
    raise field_error("token", INVALID_TOKEN_DETAIL, "invalid_token")


def _never_signed_in(user: User) -> bool:
    """No link of the account was ever used: `email_verified` alone can be unticked in the admin."""
    return user.last_login is None and not user.email_verified


def _user_type_switch(*, user: User, user_type: str) -> None:
    """Before anyone signed in, the account takes the type its owner asked for.

    Without this, a stranger who asked first for someone's email with the other
    type would decide it. Nobody signed in yet, so the old profile is empty.
    """
    if user_type not in SELF_SERVICE_USER_TYPES:
        return
    if user.user_type not in SELF_SERVICE_USER_TYPES or user.is_staff:
        return  # a moderator (made in the admin or by create_moderator) keeps the role
    CandidateProfile.objects.filter(user=user).delete()
    EmployerProfile.objects.filter(user=user).delete()
    user.user_type = user_type
    user.save(update_fields=["user_type", "updated_at"])
    if user_type == User.UserType.CANDIDATE:
        candidate_profile_create(user=user)
    else:
        employer_profile_create(user=user)


def jwt_pair_issue(*, user: User) -> dict[str, str]:
    """A new pair; the outstanding-token list gets the refresh token's hash, not the token.

    simplejwt's `RefreshToken.for_user` stores each refresh token whole, so a copy
    of the database (a backup, a read-only leak, the admin's view) would sign in
    as every user for 14 days. The row is made here instead, as that method would.
    """
    refresh = RefreshToken()
    refresh[jwt_settings.USER_ID_CLAIM] = str(user.pk)
    refresh["user_type"] = user.user_type
    encoded = str(refresh)
    OutstandingToken.objects.create(
        user=user,
        jti=refresh[jwt_settings.JTI_CLAIM],
        token=tokens.hash_refresh_token(encoded),
        created_at=refresh.current_time,
        expires_at=datetime_from_epoch(refresh["exp"]),
    )
    access = refresh.access_token  # expires ten minutes after the refresh token's making ...
    access.set_iat(at_time=refresh.current_time)  # ... and says it was made then too
    return {"access": str(access), "refresh": encoded}


def _refresh_token_claim(*, token: RefreshToken, encoded: str, user: User | None) -> bool:
    """Blacklist the token; False when it already was. Unique per token, so a race has one winner."""
    outstanding, _ = OutstandingToken.objects.get_or_create(
        jti=token[jwt_settings.JTI_CLAIM],
        defaults={
            "user": user,
            "token": tokens.hash_refresh_token(encoded),
            "created_at": datetime_from_epoch(token["iat"]),
            "expires_at": datetime_from_epoch(token["exp"]),
        },
    )
    _, claimed = BlacklistedToken.objects.get_or_create(token=outstanding)
    return claimed


def refresh_token_rotate(*, refresh: str) -> dict[str, str]:
    """A new pair for a refresh token, which stops working: once, even when requests race.

    The old token is claimed by inserting its blacklist row (unique per token), so of
    two refreshes of one token sent at once exactly one gets a pair; the other waits
    for the first to commit and is refused like any used token.
    """
    try:
        token = RefreshToken(refresh)  # type: ignore[arg-type]  # signature, expiry, blacklist
    except TokenError as exc:
        raise InvalidToken(exc.args[0]) from exc
    user = User.objects.filter(pk=token.get("user_id"), is_active=True).first()
    if user is None:
        raise AuthenticationFailed(
            "No active account found for the given token.", "no_active_account"
        )
    with transaction.atomic():
        if not _refresh_token_claim(token=token, encoded=refresh, user=user):
            raise InvalidToken("Token is blacklisted")
        # In the claim's transaction: the old token is spent only if a new pair exists.
        return jwt_pair_issue(user=user)


def refresh_token_revoke(*, user: User, refresh: str) -> None:
    """Sign out: the given refresh token, which must be the caller's, stops working."""
    try:
        token = RefreshToken(refresh)  # type: ignore[arg-type]
    except TokenError as exc:
        raise field_error(
            "refresh", "This token is invalid or has expired.", "invalid_token"
        ) from exc
    if str(token.get("user_id")) != str(user.pk):
        raise field_error("refresh", "This token is invalid or has expired.", "invalid_token")
    _refresh_token_claim(token=token, encoded=refresh, user=user)


def user_update(
    *, user: User, preferred_language: str | None = None, notification_emails: bool | None = None
) -> User:
    fields = []
    if preferred_language is not None:
        user.preferred_language = preferred_language
        fields.append("preferred_language")
    if notification_emails is not None:
        user.notification_emails = notification_emails
        fields.append("notification_emails")
    if fields:
        user.full_clean(exclude=["password"], validate_unique=False, validate_constraints=False)
        user.save(update_fields=[*fields, "updated_at"])
    return user


@transaction.atomic
def phone_verification_start(*, user: User, phone_number: str, language: str) -> PhoneVerification:
    """Text a fresh 6-digit code to the number; earlier open codes of the user end.

    The code is made in the Celery worker (`phone_code_send`), so it never travels
    through the broker; until then the verification has no code, takes none, and
    counts no guess.
    """
    # One start at a time per user: two at once would each leave a code open.
    User.objects.select_for_update().filter(pk=user.pk).first()
    now = timezone.now()
    PhoneVerification.objects.filter(
        user=user, verified_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now)
    verification = PhoneVerification.objects.create(
        user=user,
        phone_number=phone_number,
        code_hash="",
        created_at=now,
        expires_at=now + settings.PHONE_CODE_TTL,
    )
    language = user.preferred_language or language
    verification_id = str(verification.pk)
    transaction.on_commit(
        lambda: tasks.send_phone_code.delay(verification_id=verification_id, language=language),
        robust=True,
    )
    return verification


def phone_code_send(*, verification_id: str, language: str) -> None:
    """Make the code of a verification still open and text it (in the Celery worker).

    Each run makes a fresh code: a task delivered again (its worker died before
    the text left) sends one, and an earlier code, sent or not, stops working.
    A code whose text could not be sent is taken back before the error goes up.
    """
    with transaction.atomic():
        verification = (
            PhoneVerification.objects.select_for_update()
            .filter(
                pk=verification_id,
                verified_at__isnull=True,
                expires_at__gt=timezone.now(),
                attempts__lt=settings.PHONE_CODE_MAX_ATTEMPTS,
            )
            .first()
        )
        if verification is None:
            return  # ended by a newer code, used, or expired before the worker came to it
        code = tokens.new_phone_code()
        verification.code_hash = tokens.hash_phone_code(verification_id=verification.id, code=code)
        verification.save(update_fields=["code_hash"])
    try:
        send_sms(
            to=verification.phone_number, body=emails.phone_code_text(code=code, language=language)
        )
    except Exception:
        PhoneVerification.objects.filter(pk=verification.pk).update(code_hash="")
        raise


def phone_verification_confirm(*, user: User, code: Any) -> User:
    """Check a code against the user's open one; every wrong guess counts, five end it."""
    if not tokens.is_well_formed_phone_code(code):
        raise field_error("code", INVALID_CODE_DETAIL, "invalid_code")
    now = timezone.now()
    with transaction.atomic():
        # The user's row first, as a start takes it: the two never wait on each other crosswise.
        User.objects.select_for_update().filter(pk=user.pk).first()
        verification = (
            PhoneVerification.objects.select_for_update()
            .filter(
                user=user,
                verified_at__isnull=True,
                expires_at__gt=now,
                attempts__lt=settings.PHONE_CODE_MAX_ATTEMPTS,
            )
            .exclude(code_hash="")  # its code is not made yet: no guess can count against it
            .order_by("-created_at")
            .first()
        )
        if verification is not None:
            expected = tokens.hash_phone_code(verification_id=verification.id, code=code)
            if tokens.constant_time_equal(expected, verification.code_hash):
                verification.verified_at = now
                verification.save(update_fields=["verified_at"])
                user.phone_number = verification.phone_number
                user.phone_verified = True
                user.save(update_fields=["phone_number", "phone_verified", "updated_at"])
                return user
            # Kept even though the request fails: the guess was made.
            verification.attempts = F("attempts") + 1
            verification.save(update_fields=["attempts"])
    raise field_error("code", INVALID_CODE_DETAIL, "invalid_code")


MODERATORS = "Moderators"
# What a moderator does in the Django admin: the verification queue with its approve,
# reject and suspend actions, and the audit trail to read. Nothing of candidates'
# personal data.
MODERATOR_PERMISSIONS = (
    ("employers", "view_employerprofile"),  # the decisions are admin actions for moderators
    ("safety", "view_auditevent"),
)


def moderators_group() -> Group:
    """The group with the moderators' admin permissions, made or brought up to date."""
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    group.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in MODERATOR_PERMISSIONS
        ]
    )
    return group
