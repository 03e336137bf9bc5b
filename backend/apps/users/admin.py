from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from apps.users.models import User


def sign_in_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """Whose admin sign-in failed, in the address's one form (django-axes counts by it):
    `Root@Example.NL` and `root@example.nl` share one account's failures."""
    username = (credentials or {}).get("username") or request.POST.get("username")
    return User.objects.normalize_email(str(username)) if username else None


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "user_type")


class UserUpdateForm(UserChangeForm):
    """A verified flag belongs to the value its owner proved: a new email address or
    phone number typed in here is unverified until its owner signs in or enters a code."""

    class Meta:
        model = User
        fields = "__all__"

    def save(self, commit: bool = True) -> User:
        user: User = super().save(commit=False)
        if User.objects.normalize_email(self.initial.get("email", "")) != user.email:
            user.email_verified = False  # another address, not the same one spelled otherwise
        if "phone_number" in self.changed_data:
            user.phone_verified = False
        if commit:
            user.save()
            self.save_m2m()
        return user


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = UserCreationForm
    form = UserUpdateForm
    ordering = ("-date_joined",)
    list_display = (
        "email",
        "user_type",
        "email_verified",
        "phone_verified",
        "is_active",
        "is_staff",
        "date_joined",
    )
    list_filter = ("user_type", "email_verified", "phone_verified", "is_active", "is_staff")
    search_fields = ("email", "phone_number")
    readonly_fields = ("id", "date_joined", "updated_at", "last_login")

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> tuple[str, ...]:
        # The type decides which profile the account has; changing it here would leave a
        # candidate's profile on an employer's account (sign-in switches it, unused only).
        fields = tuple(super().get_readonly_fields(request, obj))
        return (*fields, "user_type") if obj is not None else fields

    fieldsets = (
        (None, {"fields": ("id", "email", "user_type", "password")}),
        (_("Verification"), {"fields": ("email_verified", "phone_number", "phone_verified")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("date_joined", "last_login", "updated_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "user_type", "usable_password", "password1", "password2"),
            },
        ),
    )
