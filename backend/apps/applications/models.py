from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel
from apps.core.validators import validate_no_bsn


class Application(BaseModel):
    """A candidate's application to a job, moving through the contract's status table."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        REVIEWING = "reviewing", _("Reviewing")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        INTERVIEW = "interview", _("Interview")
        OFFERED = "offered", _("Offered")
        HIRED = "hired", _("Hired")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DECLINED = "declined", _("Declined")

    candidate = models.ForeignKey(
        "candidates.CandidateProfile", on_delete=models.CASCADE, related_name="applications"
    )
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="applications")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    cover_letter = models.TextField(
        max_length=5000, blank=True, default="", validators=[validate_no_bsn]
    )
    offered_hourly_wage = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("500"))],
    )
    # The Dutch data-protection authority allows keeping a rejected applicant's
    # data up to a year with their consent; without it, four weeks after the job closed.
    keep_data_consent = models.BooleanField(default=False)
    personal_data_removed_at = models.DateTimeField(null=True, blank=True)

    class Meta(BaseModel.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "job"], name="applications_one_per_candidate_and_job"
            ),
        ]
        indexes = [models.Index(fields=["job", "status"], name="applications_job_status")]

    def __str__(self) -> str:
        return f"{self.candidate_id} → {self.job_id} ({self.status})"


class ApplicationEvent(BaseModel):
    """One move of an application: from, to, who, why, when. The history both sides see."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, blank=True, default="")
    to_status = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(max_length=2000, blank=True, default="")

    class Meta:
        ordering = ("created_at",)
        indexes = [
            models.Index(fields=["application", "created_at"], name="applications_event_order")
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status or '∅'} → {self.to_status}"
