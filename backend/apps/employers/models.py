from django.conf import settings
from django.contrib.gis.db import models as gis_models
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel
from apps.core.validators import validate_kvk_number, validate_no_bsn, validate_postal_code


class EmployerProfile(BaseModel):
    """An employer or staffing agency; only `approved` ones publish jobs and reach workers."""

    class VerificationStatus(models.TextChoices):
        UNVERIFIED = "unverified", _("Unverified")
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_profile"
    )
    company_name = models.CharField(max_length=200, blank=True, default="")
    kvk_number = models.CharField(
        max_length=8, blank=True, default="", validators=[validate_kvk_number]
    )
    website = models.URLField(max_length=200, blank=True, default="")
    description = models.TextField(
        max_length=5000, blank=True, default="", validators=[validate_no_bsn]
    )
    address = models.CharField(max_length=200, blank=True, default="")
    postal_code = models.CharField(
        max_length=7, blank=True, default="", validators=[validate_postal_code]
    )
    city = models.CharField(max_length=100, blank=True, default="")
    location = gis_models.PointField(geography=True, srid=4326, null=True, blank=True)

    # Trust evidence, as the employer states it until a moderator confirms it.
    is_staffing_agency = models.BooleanField(default=False)
    sna_certified = models.BooleanField(default=False)
    sna_certificate_number = models.CharField(max_length=32, blank=True, default="")
    waadi_registered = models.BooleanField(default=False)
    trust_evidence_confirmed_at = models.DateTimeField(null=True, blank=True)
    trust_evidence_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    verification_status = models.CharField(
        max_length=16,
        choices=VerificationStatus.choices,
        default=VerificationStatus.UNVERIFIED,
        db_index=True,
    )
    verification_requested_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejection_reason = models.TextField(blank=True, default="")
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspension_reason = models.TextField(blank=True, default="")

    class Meta(BaseModel.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["kvk_number"],
                condition=~models.Q(verification_status="rejected") & ~models.Q(kvk_number=""),
                name="employers_kvk_unique_unless_rejected",
                violation_error_code="kvk_in_use",
                violation_error_message=_("This KvK number is already registered."),
            ),
            models.CheckConstraint(
                condition=models.Q(
                    verification_status__in=[
                        "unverified",
                        "pending",
                        "approved",
                        "rejected",
                        "suspended",
                    ]
                ),
                name="employers_verification_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.company_name or str(self.user_id)

    @property
    def is_verified(self) -> bool:
        return self.verification_status == self.VerificationStatus.APPROVED
