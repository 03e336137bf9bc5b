from typing import Any

from django.contrib.gis.db import models as gis_models
from django.contrib.gis.db.models.functions import Transform
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel
from apps.core.validators import validate_no_bsn, validate_postal_code
from apps.employers.models import EmployerProfile

MAX_HOURLY_WAGE = 500
# The Dutch national grid (Amersfoort / RD New): metres on a plane that is true to
# within 0.03 % over the Netherlands.
RD_NEW = 28992


class MinimumWage(models.Model):
    """The Dutch statutory minimum hourly wage (WML) for one age from one date: published amounts.

    A row per age (15 to 20, and 21 for 21 and older) and effective date, loaded by
    migrations each January and July; a date after the newest row uses the newest.
    """

    effective_from = models.DateField()
    age = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(15), MaxValueValidator(21)]
    )
    hourly_amount = models.DecimalField(max_digits=6, decimal_places=2)
    source = models.CharField(max_length=300)

    class Meta:
        ordering = ("-effective_from", "-age")
        constraints = [
            models.UniqueConstraint(
                fields=["effective_from", "age"], name="jobs_minimumwage_unique"
            ),
            models.CheckConstraint(
                condition=Q(age__gte=15, age__lte=21), name="jobs_minimumwage_age_range"
            ),
        ]

    def __str__(self) -> str:
        return f"WML {self.age}{'+' if self.age == 21 else ''} from {self.effective_from}: €{self.hourly_amount}"


def _search_document() -> Any:
    # Dutch and English stems side by side, so either language finds the job.
    def both(field: str, weight: str) -> Any:
        return SearchVector(field, config="dutch", weight=weight) + SearchVector(
            field, config="english", weight=weight
        )

    return both("title", "A") + both("category", "B") + both("description", "C")


class Job(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING_REVIEW = "pending_review", _("Pending review")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")
        FILLED = "filled", _("Filled")
        EXPIRED = "expired", _("Expired")
        REJECTED = "rejected", _("Rejected")

    class EmploymentType(models.TextChoices):
        SHIFT = "shift", _("Shift")
        TEMPORARY = "temporary", _("Temporary")
        PART_TIME = "part_time", _("Part-time")
        FULL_TIME = "full_time", _("Full-time")
        FREELANCE = "freelance", _("Freelance")

    class Category(models.TextChoices):
        LOGISTICS = "logistics", _("Logistics and warehouse")
        PRODUCTION = "production", _("Production")
        HOSPITALITY = "hospitality", _("Hospitality")
        RETAIL = "retail", _("Retail")
        CLEANING = "cleaning", _("Cleaning")
        CONSTRUCTION = "construction", _("Construction")
        AGRICULTURE = "agriculture", _("Agriculture and horticulture")
        DELIVERY = "delivery", _("Delivery and driving")
        CARE = "care", _("Care")
        EVENTS = "events", _("Events")
        OFFICE = "office", _("Office and customer service")
        OTHER = "other", _("Other")

    employer = models.ForeignKey(EmployerProfile, on_delete=models.PROTECT, related_name="jobs")
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=10000, validators=[validate_no_bsn])
    category = models.CharField(max_length=32, choices=Category.choices)
    employment_type = models.CharField(max_length=16, choices=EmploymentType.choices)
    hourly_wage = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_HOURLY_WAGE)],
    )
    hours_per_week = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    min_age = models.PositiveSmallIntegerField(
        default=18, validators=[MinValueValidator(15), MaxValueValidator(70)]
    )
    positions = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    address = models.CharField(max_length=200, blank=True, default="")
    postal_code = models.CharField(
        max_length=7, blank=True, default="", validators=[validate_postal_code]
    )
    city = models.CharField(max_length=100, blank=True, default="")
    # A geography column with its own GiST index: radius queries (ST_DWithin) use
    # the index and measure in metres on the spheroid; so does nearest first (<->,
    # on the sphere) for points far from the Netherlands.
    location = gis_models.PointField(geography=True, srid=4326, null=True, blank=True)
    # The same point on the Dutch grid, kept by the database: nearest-first search
    # walks its planar GiST index (KNN), several times cheaper a row than the
    # geography's, which measures on the sphere (apps/jobs/search/sql.py).
    location_rd = models.GeneratedField(
        expression=Transform(Cast("location", gis_models.PointField(srid=4326)), RD_NEW),
        output_field=gis_models.PointField(srid=RD_NEW, null=True),
        db_persist=True,
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the job was closed, filled or expired.")
    )
    risk_flags = models.JSONField(default=list, blank=True)
    rejection_reason = models.TextField(blank=True, default="")
    search_vector = models.GeneratedField(
        expression=_search_document(), output_field=SearchVectorField(), db_persist=True
    )

    class Meta(BaseModel.Meta):
        indexes = [
            GinIndex(fields=["search_vector"], name="jobs_search_vector_gin"),
            GinIndex(OpClass("title", name="gin_trgm_ops"), name="jobs_title_trgm_gin"),
            models.Index(fields=["status", "-published_at"], name="jobs_status_published"),
            models.Index(fields=["employer", "status"], name="jobs_employer_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="jobs_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(positions__gte=1), name="jobs_positions_positive"),
            models.CheckConstraint(
                condition=Q(hourly_wage__gte=0, hourly_wage__lte=MAX_HOURLY_WAGE),
                name="jobs_wage_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class TitleWord(models.Model):
    """A word of a published job's title (lower case, 3 to 64 characters): typo tolerance.

    Kept by the database (migration 0006): a trigger adds a job's words when it is
    published or retitled while published, and `title_words_refresh` (daily) drops
    the words no published job has. A search word finds the title words like it
    here, accents aside (`jobs_fold`: unaccent), through the trigram index, and the
    jobs with those words through the text vector's GIN index: a trigram scan of
    this short list instead of every title's.
    """

    word = models.CharField(max_length=64, primary_key=True)

    class Meta:
        indexes = [
            GinIndex(
                OpClass(
                    Func(F("word"), function="jobs_fold", output_field=models.TextField()),
                    name="gin_trgm_ops",
                ),
                name="jobs_titleword_trgm",
            )
        ]

    def __str__(self) -> str:
        return self.word


class CategoryWage(models.Model):
    """The median hourly wage of a category's visible jobs, for screening's pay far above market.

    Kept by `category_wages_refresh` (Celery beat, hourly; migration 0008 fills it
    first): the median of every visible job of a category is a read of them all,
    seconds over a million jobs, too slow for the locked publish and edit it is
    needed in. A median moves slowly; an hour's lag costs nothing.
    """

    category = models.CharField(max_length=32, choices=Job.Category.choices, primary_key=True)
    jobs = models.PositiveIntegerField()
    median = models.DecimalField(max_digits=6, decimal_places=2)
    computed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.category}: {self.median} ({self.jobs} jobs)"


class SavedJob(BaseModel):
    candidate = models.ForeignKey(
        "candidates.CandidateProfile", on_delete=models.CASCADE, related_name="saved_jobs"
    )
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="saved_by")

    class Meta(BaseModel.Meta):
        constraints = [
            models.UniqueConstraint(fields=["candidate", "job"], name="jobs_savedjob_unique")
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} saved {self.job_id}"
