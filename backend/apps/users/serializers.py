from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import ProhibitNullCharactersValidator, validate_email
from rest_framework import serializers

from apps.core.serializers import StrictFieldsMixin
from apps.core.validators import (
    normalize_phone_number,
    validate_mailbox_address,
    validate_mobile_number,
)
from apps.users.models import User

_USER_FIELDS = (
    "id",
    "email",
    "user_type",
    "email_verified",
    "phone_number",
    "phone_verified",
    "preferred_language",
    "notification_emails",
    "date_joined",
)
_USER_WRITABLE_FIELDS = ("preferred_language", "notification_emails")


class UserSerializer(StrictFieldsMixin, serializers.ModelSerializer[User]):
    """The account as its owner sees it; email, type and verified flags are read-only."""

    class Meta:
        model = User
        fields = _USER_FIELDS
        read_only_fields = tuple(f for f in _USER_FIELDS if f not in _USER_WRITABLE_FIELDS)


class MagicLinkRequestSerializer(StrictFieldsMixin, serializers.Serializer):
    email = serializers.EmailField(max_length=254, validators=[validate_mailbox_address])

    def validate_email(self, value: str) -> str:
        """The address in its one form, which must itself be a valid one."""
        normalized = User.objects.normalize_email(value)
        try:
            validate_email(normalized)
            validate_mailbox_address(normalized)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(
                "Enter a valid email address.", code="invalid"
            ) from exc
        return normalized

    user_type = serializers.ChoiceField(
        choices=[User.UserType.CANDIDATE, User.UserType.EMPLOYER],
        required=False,
        help_text="Give it to make an account when none exists for the email.",
    )


class AnyTextField(serializers.CharField):
    """A CharField without DRF's refusal of NUL characters: the service judges the text."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]


class MagicLinkVerifySerializer(StrictFieldsMixin, serializers.Serializer):
    # Any string: a token of the wrong length or alphabet (or with a NUL in it) is
    # `invalid_token`, as an unknown one is (services.magic_link_verify).
    token = AnyTextField(allow_blank=True, trim_whitespace=True)


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class SignInSerializer(TokenPairSerializer):
    user = UserSerializer()


class RefreshSerializer(StrictFieldsMixin, serializers.Serializer):
    refresh = serializers.CharField(max_length=2048)


class LogoutSerializer(RefreshSerializer):
    pass


class PhoneNumberSerializer(StrictFieldsMixin, serializers.Serializer):
    phone_number = serializers.CharField(max_length=32)

    def validate_phone_number(self, value: str) -> str:
        try:
            number = normalize_phone_number(value)
            validate_mobile_number(number)
        except DjangoValidationError as exc:
            code = exc.code or "invalid_phone_number"
            raise serializers.ValidationError(exc.messages[0], code=code) from exc
        return number


class PhoneCodeSerializer(StrictFieldsMixin, serializers.Serializer):
    code = serializers.CharField(max_length=16)
