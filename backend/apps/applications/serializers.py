from decimal import Decimal
from typing import Any

from rest_framework import serializers

from apps.applications.models import Application, ApplicationEvent
from apps.applications.selectors import application_shows_candidate
from apps.candidates.models import CandidateProfile
from apps.core.serializers import FreeTextField, StrictFieldsMixin
from apps.jobs.models import Job


class ApplicationCreateSerializer(StrictFieldsMixin, serializers.Serializer):
    job = serializers.UUIDField()
    cover_letter = FreeTextField(max_length=5000, allow_blank=True, required=False, default="")
    keep_data_consent = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Keep my letter up to a year if I am not hired (otherwise it goes 4 weeks after the job closes).",
    )


class ApplicationConsentSerializer(StrictFieldsMixin, serializers.Serializer):
    keep_data_consent = serializers.BooleanField(
        help_text=(
            "Keep my letter and notes up to a year if I am not hired. Withdrawn (false) four"
            " weeks or more after the job closed, they go at once."
        ),
    )


class TransitionSerializer(StrictFieldsMixin, serializers.Serializer):
    status = serializers.ChoiceField(choices=Application.Status.choices)
    note = FreeTextField(max_length=2000, allow_blank=True, required=False, default="")
    hourly_wage = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("500"),
        required=False,
    )


class ApplicationJobSerializer(serializers.ModelSerializer[Job]):
    employer = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = ("id", "title", "city", "hourly_wage", "starts_on", "status", "employer")
        read_only_fields = fields

    def get_employer(self, job: Job) -> dict[str, Any]:
        return {
            "id": str(job.employer_id),
            "company_name": job.employer.company_name,
            "is_verified": job.employer.is_verified,
        }


class ApplicationCandidateSerializer(serializers.ModelSerializer[CandidateProfile]):
    id = serializers.UUIDField(
        read_only=True, allow_null=True, help_text="Null once retention removed who applied."
    )

    class Meta:
        model = CandidateProfile
        fields = ("id", "first_name", "last_name", "city", "skills")
        read_only_fields = fields


# Who applied, once retention removed it: not even the id, which would lead to the
# profile and tie the row to the candidate's other applications.
ANONYMOUS_CANDIDATE: dict[str, Any] = {
    "id": None,
    "first_name": "",
    "last_name": "",
    "city": "",
    "skills": [],
}


class ApplicationSerializer(serializers.ModelSerializer[Application]):
    job = ApplicationJobSerializer(read_only=True)
    candidate = ApplicationCandidateSerializer(read_only=True)

    class Meta:
        model = Application
        fields = (
            "id",
            "job",
            "candidate",
            "status",
            "cover_letter",
            "offered_hourly_wage",
            "keep_data_consent",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields

    def to_representation(self, instance: Application) -> dict[str, Any]:
        data = super().to_representation(instance)
        viewer = getattr(self.context.get("request"), "user", None)
        if not application_shows_candidate(viewer=viewer, application=instance):
            data["candidate"] = {**data["candidate"], **ANONYMOUS_CANDIDATE}
        return data


class ApplicationEventSerializer(serializers.ModelSerializer[ApplicationEvent]):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = ApplicationEvent
        fields = ("id", "from_status", "to_status", "actor", "note", "created_at")
        read_only_fields = fields

    def get_actor(self, event: ApplicationEvent) -> str | None:
        """Which side moved it: candidate, employer, moderator, or null for the platform itself."""
        if event.actor is None:
            return None
        if event.actor.is_candidate:
            return "candidate"
        return "employer" if event.actor.is_employer else "moderator"


class ApplicationFilterSerializer(serializers.Serializer):
    job = serializers.UUIDField(required=False)
    status = serializers.ChoiceField(choices=Application.Status.choices, required=False)
