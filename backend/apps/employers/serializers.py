from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.serializers import (
    FreeTextField,
    KvkNumberField,
    LineField,
    LocationInputMixin,
    LocationOutputMixin,
    PostalCodeField,
    StrictFieldsMixin,
    WebsiteField,
)
from apps.employers.models import EmployerProfile


class EmployerProfileInputSerializer(StrictFieldsMixin, LocationInputMixin):
    company_name = LineField(min_length=2, max_length=200, required=False)
    kvk_number = KvkNumberField(allow_blank=True, required=False)
    website = WebsiteField(max_length=200, allow_blank=True, required=False)
    description = FreeTextField(max_length=5000, allow_blank=True, required=False)
    address = LineField(max_length=200, allow_blank=True, required=False)
    postal_code = PostalCodeField(allow_blank=True, required=False)
    city = LineField(max_length=100, allow_blank=True, required=False)
    is_staffing_agency = serializers.BooleanField(required=False)
    sna_certified = serializers.BooleanField(required=False)
    sna_certificate_number = LineField(max_length=32, allow_blank=True, required=False)
    waadi_registered = serializers.BooleanField(required=False)


class TrustEvidenceSerializer(serializers.Serializer):
    is_staffing_agency = serializers.BooleanField()
    sna_certified = serializers.BooleanField()
    sna_certificate_number = serializers.CharField()
    waadi_registered = serializers.BooleanField()
    status = serializers.ChoiceField(choices=["stated_by_employer", "confirmed_by_moderator"])
    confirmed_at = serializers.DateTimeField(allow_null=True)


def trust_evidence(employer: EmployerProfile) -> dict[str, Any]:
    confirmed = employer.trust_evidence_confirmed_at is not None
    return {
        "is_staffing_agency": employer.is_staffing_agency,
        "sna_certified": employer.sna_certified,
        "sna_certificate_number": employer.sna_certificate_number,
        "waadi_registered": employer.waadi_registered,
        "status": "confirmed_by_moderator" if confirmed else "stated_by_employer",
        "confirmed_at": employer.trust_evidence_confirmed_at,
    }


class _EmployerOutputMixin(serializers.Serializer):
    """What every view of an employer shows alike."""

    # Declared: a model-made read-only field would be documented as always a URL.
    website = serializers.URLField(
        read_only=True, allow_blank=True, help_text="Empty when the employer gave none."
    )
    trust_evidence = serializers.SerializerMethodField()

    @extend_schema_field(TrustEvidenceSerializer)
    def get_trust_evidence(self, obj: EmployerProfile) -> Any:
        return TrustEvidenceSerializer(trust_evidence(obj)).data


_OWNER_FIELDS = (
    "id",
    "company_name",
    "kvk_number",
    "website",
    "description",
    "address",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "is_staffing_agency",
    "sna_certified",
    "sna_certificate_number",
    "waadi_registered",
    "trust_evidence",
    "verification_status",
    "verification_requested_at",
    "verified_at",
    "rejection_reason",
    "suspension_reason",
    "updated_at",
)


class EmployerProfileSerializer(
    LocationOutputMixin, _EmployerOutputMixin, serializers.ModelSerializer[EmployerProfile]
):
    """The employer's own profile, with where its verification stands."""

    class Meta:
        model = EmployerProfile
        fields: tuple[str, ...] = _OWNER_FIELDS
        read_only_fields: tuple[str, ...] = fields


class EmployerModerationSerializer(EmployerProfileSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    verified_by = serializers.EmailField(
        source="verified_by.email", read_only=True, allow_null=True, default=None
    )

    class Meta(EmployerProfileSerializer.Meta):
        fields: tuple[str, ...] = (
            *_OWNER_FIELDS,
            "email",
            "verified_by",
            "suspended_at",
            "created_at",
        )
        read_only_fields: tuple[str, ...] = fields


class EmployerPublicSerializer(_EmployerOutputMixin, serializers.ModelSerializer[EmployerProfile]):
    """What anyone may see: who the employer is and whether the platform checked it."""

    is_verified = serializers.BooleanField(read_only=True)
    open_job_count = serializers.IntegerField(read_only=True)

    def to_representation(self, instance: EmployerProfile) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not data["is_verified"]:
            data["verified_at"] = None  # kept for the record, not shown as a standing check
        return data

    class Meta:
        model = EmployerProfile
        fields = (
            "id",
            "company_name",
            "city",
            "description",
            "website",
            "is_verified",
            "verified_at",
            "open_job_count",
            "trust_evidence",
        )
        read_only_fields = fields


class ModerationDecisionSerializer(StrictFieldsMixin, serializers.Serializer):
    # Kept for good in the audit trail and emailed to the employer: no BSN.
    reason = FreeTextField(max_length=2000, allow_blank=True, required=False, default="")
