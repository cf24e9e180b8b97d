"""The treatment catalog: what clinical staff edit, and what the rules engine reads.

Every clinical rule of docs/clinical-basis.md is a row here so that staff can change it without a
code change.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from treatments import vocabulary


def choices(mapping):
    return list(mapping.items())


EFFICACY_CHOICES = [
    (value, f"{value} — {label}") for value, label in vocabulary.EFFICACY_SCALE.items()
]
SKIN_TYPE_CHOICES = [
    (number, f"Type {roman}") for number, roman in vocabulary.FITZPATRICK_TYPES.items()
]


class ProcedureFamily(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "procedure families"

    def __str__(self):
        return self.name


class FeeKind(models.TextChoices):
    """Whose figures a treatment's fee is: the clinic's own price, or the typical range the
    catalog was seeded with (docs/clinical-basis.md, section 2), which is not a quote."""

    TYPICAL = "typical", "Typical range, not a quote"
    OURS = "ours", "Our price"


class Treatment(models.Model):
    family = models.ForeignKey(ProcedureFamily, on_delete=models.PROTECT, related_name="treatments")
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=150, help_text="Patient-facing name.")
    intensity_rank = models.PositiveSmallIntegerField(
        unique=True,
        validators=[MinValueValidator(1)],
        help_text="1 = lightest. Unique across the catalog: it breaks ranking ties.",
    )
    intensity_label = models.CharField(max_length=50, help_text="e.g. superficial, deep.")
    ablative = models.BooleanField(help_text="The surface layer is removed and must re-heal.")
    downtime_min_days = models.PositiveSmallIntegerField()
    downtime_max_days = models.PositiveSmallIntegerField()
    sessions_min = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    sessions_max = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    fee_min = models.PositiveIntegerField(
        "fee per session, low end", help_text="In the clinic's currency (Clinic profile)."
    )
    fee_max = models.PositiveIntegerField(
        "fee per session, high end", help_text="In the clinic's currency (Clinic profile)."
    )
    fee_kind = models.CharField(
        "fee kind",
        max_length=10,
        choices=FeeKind.choices,
        default=FeeKind.TYPICAL,
        help_text="“Our price” once the fees are this clinic's own; patients see which.",
    )
    description = models.TextField(help_text="What it is, in plain words.")
    side_effects = models.TextField(help_text="Main side effects and risks, in plain words.")
    is_active = models.BooleanField(
        default=True, help_text="Inactive treatments are never suggested nor listed."
    )
    # Who changed what and when; editors can revert (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["intensity_rank"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(downtime_min_days__lte=models.F("downtime_max_days")),
                name="downtime_min_lte_max",
            ),
            models.CheckConstraint(
                condition=models.Q(sessions_min__lte=models.F("sessions_max")),
                name="sessions_min_lte_max",
            ),
            models.CheckConstraint(
                condition=models.Q(fee_min__lte=models.F("fee_max")),
                name="fee_min_lte_max",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        for low, high, what in (
            ("downtime_min_days", "downtime_max_days", "downtime"),
            ("sessions_min", "sessions_max", "sessions"),
            ("fee_min", "fee_max", "fee"),
        ):
            low_value, high_value = getattr(self, low), getattr(self, high)
            if low_value is not None and high_value is not None and low_value > high_value:
                errors[low] = f"The minimum {what} cannot be more than the maximum."
        if errors:
            raise ValidationError(errors)


class ConcernEfficacy(models.Model):
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="efficacies")
    concern = models.CharField(max_length=40, choices=choices(vocabulary.CONCERNS))
    score = models.PositiveSmallIntegerField(
        choices=[
            (value, f"{value} — {label}") for value, label in vocabulary.EFFICACY_SCALE.items()
        ],
        validators=[MaxValueValidator(3)],
    )
    rationale = models.TextField(blank=True, help_text="Shown to the patient as the reason.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["treatment", "concern"]
        verbose_name_plural = "concern efficacies"
        constraints = [
            models.UniqueConstraint(
                fields=["treatment", "concern"], name="one_efficacy_per_concern"
            ),
            models.CheckConstraint(condition=models.Q(score__lte=3), name="efficacy_score_0_to_3"),
        ]

    def __str__(self):
        return f"{self.treatment}: {self.get_concern_display()} {self.score}"


class SkinTypeSuitability(models.Model):
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="skin_types")
    fitzpatrick = models.PositiveSmallIntegerField(
        choices=[
            (number, f"Type {roman}") for number, roman in vocabulary.FITZPATRICK_TYPES.items()
        ]
    )
    suitability = models.CharField(max_length=10, choices=choices(vocabulary.SUITABILITY))
    reason = models.TextField(
        blank=True, help_text="Patient-facing; required for caution and avoid."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["treatment", "fitzpatrick"]
        verbose_name = "skin type suitability"
        verbose_name_plural = "skin type suitability"
        constraints = [
            models.UniqueConstraint(
                fields=["treatment", "fitzpatrick"], name="one_suitability_per_skin_type"
            ),
        ]

    def __str__(self):
        return f"{self.treatment}: type {self.fitzpatrick} {self.suitability}"

    def clean(self):
        if self.suitability != vocabulary.SUITABLE and not self.reason.strip():
            raise ValidationError({"reason": "Give the patient a reason for caution or avoid."})


class HealthRule(models.Model):
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="health_rules")
    flag = models.CharField(
        max_length=50,
        choices=[(key, key.replace("_", " ").capitalize()) for key in vocabulary.HEALTH_FLAGS],
    )
    action = models.CharField(max_length=10, choices=choices(vocabulary.HEALTH_ACTIONS))
    reason = models.TextField(help_text="Patient-facing explanation of the exclusion or caution.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["treatment", "flag"]
        constraints = [
            models.UniqueConstraint(fields=["treatment", "flag"], name="one_rule_per_health_flag"),
        ]

    def __str__(self):
        return f"{self.treatment}: {self.flag} → {self.action}"


class CatalogVersion(models.Model):
    """One row (pk 1) whose version a database trigger raises with every change to a catalog
    table, however it is made: the admin, `save()`, `QuerySet.update()`, raw SQL, a data
    migration (migration 0006). Each process compares it with the version of its snapshot
    (treatments/catalog.py)."""

    version = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"Catalog version {self.version}"

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).values_list("version", flat=True).first() or 0
