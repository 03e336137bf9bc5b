import uuid
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.validators import validate_phone_number
from apps.users.managers import UserManager


class User(AbstractBaseUser, PermissionsMixin):
    """An account. People sign in with their email; moderators are `admin` users or staff."""

    class UserType(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        EMPLOYER = "employer", _("Employer")
        ADMIN = "admin", _("Admin")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(_("email address"), unique=True)
    user_type = models.CharField(
        max_length=16, choices=UserType.choices, default=UserType.CANDIDATE, db_index=True
    )
    email_verified = models.BooleanField(default=False)
    phone_number = models.CharField(
        max_length=16, blank=True, default="", validators=[validate_phone_number]
    )
    phone_verified = models.BooleanField(default=False)
    notification_emails = models.BooleanField(
        default=True, help_text=_("Also email the in-app notifications.")
    )
    preferred_language = models.CharField(
        max_length=2,
        choices=settings.LANGUAGES,
        blank=True,
        default="",
        help_text=_("Language of the platform's email and SMS; empty: the browser's."),
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text=_("Can sign in to the Django admin."))
    date_joined = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ("-date_joined",)
        constraints = [
            # The manager stores one form, this keeps any other writer honest.
            models.UniqueConstraint(
                Lower("email"),
                name="users_user_email_ci_unique",
                violation_error_message=_("A user with this email address already exists."),
            ),
            models.CheckConstraint(
                condition=models.Q(user_type__in=["candidate", "employer", "admin"]),
                name="users_user_type_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        super().clean()
        self.email = UserManager.normalize_email(self.email)
        try:
            validate_email(self.email)  # the one form must be an address too
        except ValidationError as exc:
            raise ValidationError({"email": exc.messages}) from exc

    @property
    def is_candidate(self) -> bool:
        return self.user_type == self.UserType.CANDIDATE

    @property
    def is_employer(self) -> bool:
        return self.user_type == self.UserType.EMPLOYER

    @property
    def is_moderator(self) -> bool:
        return self.user_type == self.UserType.ADMIN or self.is_staff


class MagicLinkToken(models.Model):
    """A one-time sign-in link. Only the SHA-256 of the token is kept; the token is in the email alone."""

    id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="magic_link_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    requested_ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=512, blank=True, default="")
    # The account type asked for with this link; it decides the type of an account
    # nobody has signed in to yet (so a stranger cannot fix someone else's type).
    requested_user_type = models.CharField(max_length=16, blank=True, default="")
    # The address the link went to: it signs in only while the account still has it.
    email = models.EmailField(blank=True, default="")

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["user", "expires_at"], name="users_mlt_user_expires")]

    def __str__(self) -> str:
        return f"magic link for {self.user_id} at {self.created_at:%Y-%m-%d %H:%M}"


class PhoneVerification(models.Model):
    """A 6-digit code sent by SMS; only its keyed hash is kept, and it allows a few guesses."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="phone_verifications")
    phone_number = models.CharField(max_length=16, validators=[validate_phone_number])
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["user", "-created_at"], name="users_phone_user_created")]

    def __str__(self) -> str:
        return f"phone code for {self.user_id} to {self.phone_number}"
