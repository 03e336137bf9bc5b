import uuid
from typing import ClassVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import PermissionsMixin
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

    @property
    def is_candidate(self) -> bool:
        return self.user_type == self.UserType.CANDIDATE

    @property
    def is_employer(self) -> bool:
        return self.user_type == self.UserType.EMPLOYER

    @property
    def is_moderator(self) -> bool:
        return self.user_type == self.UserType.ADMIN or self.is_staff
