from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from apps.users.models import User


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "user_type")


class UserUpdateForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


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
