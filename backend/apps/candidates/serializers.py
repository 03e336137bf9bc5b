from datetime import date

from django.utils import timezone
from rest_framework import serializers

from apps.candidates.models import (
    MAX_HOURLY_WAGE,
    MAX_TRAVEL_KM,
    SKILL_MAX_LENGTH,
    CandidateProfile,
)
from apps.candidates.services import skills_normalize
from apps.core.serializers import (
    FreeTextField,
    LineField,
    LocationInputMixin,
    LocationOutputMixin,
    PostalCodeField,
    StrictFieldsMixin,
)
from apps.core.validators import MIN_WORKING_AGE, age_on


class CandidateProfileInputSerializer(StrictFieldsMixin, LocationInputMixin):
    first_name = LineField(max_length=100, allow_blank=True, required=False)
    last_name = LineField(max_length=100, allow_blank=True, required=False)
    bio = FreeTextField(max_length=2000, allow_blank=True, required=False)
    skills = serializers.ListField(child=LineField(max_length=50), max_length=30, required=False)
    postal_code = PostalCodeField(allow_blank=True, required=False)
    city = LineField(max_length=100, allow_blank=True, required=False)
    max_travel_km = serializers.IntegerField(min_value=1, max_value=MAX_TRAVEL_KM, required=False)
    min_hourly_wage = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        min_value=0,
        max_value=MAX_HOURLY_WAGE,
        allow_null=True,
        required=False,
    )
    date_of_birth = serializers.DateField(allow_null=True, required=False)
    is_discoverable = serializers.BooleanField(required=False)

    def validate_skills(self, value: list[str]) -> list[str]:
        skills = skills_normalize(value)
        if any(len(skill) > SKILL_MAX_LENGTH for skill in skills):
            raise serializers.ValidationError(
                f"A skill has at most {SKILL_MAX_LENGTH} characters.", code="max_length"
            )
        return skills

    def validate_date_of_birth(self, value: date | None) -> date | None:
        if value is None:
            return value
        today = timezone.localdate()
        if value > today or value.year < 1900:
            raise serializers.ValidationError("Enter a real date of birth.", code="invalid")
        if age_on(value, today) < MIN_WORKING_AGE:
            raise serializers.ValidationError(
                f"You must be at least {MIN_WORKING_AGE} years old.", code="too_young"
            )
        return value


class CandidateProfileSerializer(
    LocationOutputMixin, serializers.ModelSerializer[CandidateProfile]
):
    """The whole profile, for its owner, moderators and employers it applied to."""

    email = serializers.EmailField(source="user.email", read_only=True)
    phone_number = serializers.CharField(source="user.phone_number", read_only=True)

    class Meta:
        model = CandidateProfile
        fields = (
            "id",
            "first_name",
            "last_name",
            "bio",
            "skills",
            "postal_code",
            "city",
            "latitude",
            "longitude",
            "max_travel_km",
            "min_hourly_wage",
            "date_of_birth",
            "is_discoverable",
            "email",
            "phone_number",
            "updated_at",
        )
        read_only_fields = fields


class CandidateLimitedSerializer(serializers.ModelSerializer[CandidateProfile]):
    """What a verified employer sees of a discoverable candidate: no surname, no contact data."""

    class Meta:
        model = CandidateProfile
        fields = ("id", "first_name", "city", "skills")
        read_only_fields = fields
