from datetime import date
from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from apps.core.serializers import (
    FreeTextField,
    LineField,
    LocationInputMixin,
    LocationOutputMixin,
    PostalCodeField,
    ShallowFieldsMixin,
    StrictFieldsMixin,
)
from apps.employers.models import EmployerProfile
from apps.jobs.models import MAX_HOURLY_WAGE, Job

MAX_QUERY_LENGTH = 200
MAX_RADIUS_KM = 250


class JobInputSerializer(StrictFieldsMixin, LocationInputMixin):
    title = LineField(min_length=3, max_length=200)
    description = FreeTextField(max_length=10000)
    category = serializers.ChoiceField(choices=Job.Category.choices)
    employment_type = serializers.ChoiceField(choices=Job.EmploymentType.choices)
    hourly_wage = serializers.DecimalField(
        max_digits=6, decimal_places=2, min_value=Decimal("0"), max_value=MAX_HOURLY_WAGE
    )
    hours_per_week = serializers.IntegerField(
        min_value=1, max_value=60, required=False, allow_null=True
    )
    min_age = serializers.IntegerField(min_value=15, max_value=70, required=False)
    positions = serializers.IntegerField(min_value=1, max_value=500, required=False)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True)
    address = LineField(max_length=200, allow_blank=True, required=False)
    postal_code = PostalCodeField(allow_blank=True, required=False)
    city = LineField(max_length=100, allow_blank=True, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        starts_on = attrs.get("starts_on", getattr(self.instance, "starts_on", None))
        ends_on = attrs.get("ends_on", getattr(self.instance, "ends_on", None))
        if starts_on and ends_on and ends_on < starts_on:
            raise serializers.ValidationError({"ends_on": ["The job cannot end before it starts."]})
        return attrs


class JobEmployerSerializer(serializers.ModelSerializer[EmployerProfile]):
    is_verified = serializers.BooleanField(read_only=True)

    class Meta:
        model = EmployerProfile
        fields = ("id", "company_name", "is_verified")
        read_only_fields = fields


class RiskFlagSerializer(serializers.Serializer):
    code = serializers.CharField()
    severity = serializers.ChoiceField(choices=["high", "low"])
    matched = serializers.CharField()
    detail = serializers.CharField()


JOB_FIELDS = (
    "id",
    "employer",
    "title",
    "description",
    "category",
    "employment_type",
    "hourly_wage",
    "hours_per_week",
    "min_age",
    "positions",
    "starts_on",
    "ends_on",
    "address",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "status",
    "published_at",
    "expires_at",
)


class JobSerializer(LocationOutputMixin, serializers.ModelSerializer[Job]):
    """A job as anyone sees it; `distance_km` when the search gave a point."""

    employer = JobEmployerSerializer(read_only=True)
    distance_km = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields: tuple[str, ...] = (*JOB_FIELDS, "distance_km")
        read_only_fields: tuple[str, ...] = fields
        fields_left_out = ("distance_km",)  # without a point (apps/core/openapi.py)

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_distance_km(self, job: Job) -> float | None:
        distance = getattr(job, "distance", None)
        if distance is None:
            return None
        metres = distance.m if hasattr(distance, "m") else float(distance)
        return round(metres / 1000, 2)

    def to_representation(self, instance: Job) -> dict[str, Any]:
        data = super().to_representation(instance)
        if data.get("distance_km") is None:
            data.pop("distance_km", None)
        return data


class JobOwnerSerializer(JobSerializer):
    """For the employer that owns the job and for moderators: with the screening's flags."""

    risk_flags = RiskFlagSerializer(many=True, read_only=True)
    rejection_reason = serializers.CharField(read_only=True)

    class Meta(JobSerializer.Meta):
        fields = (*JOB_FIELDS, "risk_flags", "rejection_reason", "created_at", "updated_at")
        read_only_fields = fields


class RecommendedJobSerializer(serializers.Serializer):
    job = JobSerializer()
    score = serializers.FloatField()
    match_reasons = serializers.ListField(child=serializers.CharField())


class SavedJobSerializer(serializers.Serializer):
    job = JobSerializer()
    saved_at = serializers.DateTimeField(source="created_at")


class JobSearchSerializer(ShallowFieldsMixin, serializers.Serializer):
    q = serializers.CharField(
        max_length=MAX_QUERY_LENGTH, required=False, allow_blank=True, trim_whitespace=True
    )
    lat = serializers.FloatField(min_value=-90, max_value=90, required=False)
    lon = serializers.FloatField(min_value=-180, max_value=180, required=False)
    radius_km = serializers.FloatField(min_value=0.1, max_value=MAX_RADIUS_KM, required=False)
    min_wage = serializers.DecimalField(
        max_digits=6, decimal_places=2, min_value=Decimal("0"), required=False
    )
    employment_type = serializers.ListField(
        child=serializers.ChoiceField(choices=Job.EmploymentType.choices), required=False
    )
    category = serializers.ChoiceField(choices=Job.Category.choices, required=False)
    starts_after = serializers.DateField(required=False)
    starts_before = serializers.DateField(required=False)
    employer = serializers.UUIDField(required=False)
    ordering = serializers.ChoiceField(
        choices=["distance", "-published_at", "-hourly_wage", "relevance"], required=False
    )

    # Read from the same query string by the view's paginator.
    PAGE_PARAMETERS = ("page", "page_size")

    def to_internal_value(self, data: Any) -> Any:
        if hasattr(data, "getlist"):
            # A parameter given twice that takes one value: which was meant? (QueryDict
            # takes the last one, silently searching for something else.)
            repeated = [
                name
                for name in (*self.fields, *self.PAGE_PARAMETERS)
                if name != "employment_type" and len(data.getlist(name)) > 1
            ]
            if repeated:
                raise serializers.ValidationError(
                    {
                        name: [
                            ErrorDetail(
                                f"Give {name} once; only employment_type may be repeated.",
                                code="repeated",
                            )
                        ]
                        for name in repeated
                    }
                )
            data = {**data.dict(), "employment_type": data.getlist("employment_type")}
            if not data["employment_type"]:
                del data["employment_type"]
        return super().to_internal_value(data)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        has_lat, has_lon = "lat" in attrs, "lon" in attrs
        if has_lat != has_lon:
            raise serializers.ValidationError(
                {"lon" if has_lat else "lat": ["Give lat and lon together."]}
            )
        if "radius_km" in attrs and not has_lat:
            raise serializers.ValidationError({"radius_km": ["A radius needs lat and lon."]})
        if attrs.get("ordering") == "distance" and not has_lat:
            raise serializers.ValidationError(
                {"ordering": ["Ordering by distance needs lat and lon."]}
            )
        if attrs.get("ordering") == "relevance" and not attrs.get("q"):
            raise serializers.ValidationError({"ordering": ["Ordering by relevance needs q."]})
        after: date | None = attrs.get("starts_after")
        before: date | None = attrs.get("starts_before")
        if after and before and before < after:
            raise serializers.ValidationError(
                {"starts_before": ["starts_before is before starts_after."]}
            )
        return attrs


class ModerationReasonSerializer(StrictFieldsMixin, serializers.Serializer):
    # Kept for good in the audit trail and shown to the employer: no BSN.
    reason = FreeTextField(max_length=2000, allow_blank=True, required=False, default="")
