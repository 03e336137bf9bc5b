from django.conf import settings
from django.contrib.gis.db import models as gis_models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from apps.core.models import BaseModel
from apps.core.validators import validate_no_bsn, validate_postal_code

MAX_TRAVEL_KM = 250
MAX_HOURLY_WAGE = 500
SKILL_MAX_LENGTH = 50


class CandidateProfile(BaseModel):
    """A worker's profile, made empty at sign-up; private unless they apply or opt in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candidate_profile"
    )
    first_name = models.CharField(max_length=100, blank=True, default="")
    last_name = models.CharField(max_length=100, blank=True, default="")
    bio = models.TextField(max_length=2000, blank=True, default="", validators=[validate_no_bsn])
    skills = ArrayField(
        models.CharField(max_length=SKILL_MAX_LENGTH), default=list, blank=True, size=30
    )
    postal_code = models.CharField(
        max_length=7, blank=True, default="", validators=[validate_postal_code]
    )
    city = models.CharField(max_length=100, blank=True, default="")
    location = gis_models.PointField(geography=True, srid=4326, null=True, blank=True)
    max_travel_km = models.PositiveSmallIntegerField(
        default=25, validators=[MinValueValidator(1), MaxValueValidator(MAX_TRAVEL_KM)]
    )
    min_hourly_wage = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_HOURLY_WAGE)],
    )
    date_of_birth = models.DateField(null=True, blank=True)
    is_discoverable = models.BooleanField(default=False)

    class Meta(BaseModel.Meta):
        indexes = [GinIndex(fields=["skills"], name="candidates_skills_gin")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_travel_km__gte=1, max_travel_km__lte=MAX_TRAVEL_KM),
                name="candidates_max_travel_km_range",
            ),
            models.CheckConstraint(
                condition=models.Q(min_hourly_wage__isnull=True)
                | models.Q(min_hourly_wage__gte=0, min_hourly_wage__lte=MAX_HOURLY_WAGE),
                name="candidates_min_hourly_wage_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or str(self.user_id)
