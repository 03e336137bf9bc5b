import unicodedata
from typing import TYPE_CHECKING, Any

from django.contrib.auth.base_user import BaseUserManager

from apps.core.validators import ascii_domain

if TYPE_CHECKING:
    from apps.users.models import User


class UserManager(BaseUserManager["User"]):
    """Users sign in with their email; there is no username."""

    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        """One form for every spelling of an address: compared, throttled and stored so.

        Case aside, a domain has many spellings that mail servers deliver to one
        place: full-width letters, soft hyphens, Unicode and its ASCII form
        (`bücher.de`, `xn--bcher-kva.de`). Unicode compatibility normalisation and
        IDNA's ASCII form make them one.
        """
        text = unicodedata.normalize("NFKC", (email or "").strip())
        local, at, domain = text.rpartition("@")
        if at:
            domain = ascii_domain(domain) or domain  # no valid domain: validation refuses it
        return f"{local}{at}{domain}".lower()

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email=self.normalize_email(username))

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("Users must have an email address.")
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        user = self.model(email=self.normalize_email(email), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("user_type", "admin")
        extra.setdefault("email_verified", True)
        if extra["is_staff"] is not True or extra["is_superuser"] is not True:
            raise ValueError("A superuser must have is_staff=True and is_superuser=True.")
        return self.create_user(email, password, **extra)
