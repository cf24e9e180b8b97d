"""The treatment catalog: what clinical staff edit, and what the rules engine reads.

Every clinical rule of docs/clinical-basis.md is a row here so that staff can change it without a
code change.
"""

import calendar
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy
from simple_history.models import HistoricalRecords

from treatments import vocabulary


def choices(mapping):
    """Choices from a vocabulary mapping, their labels (`gettext_noop`-marked there) translated
    where they are shown."""
    return [(key, gettext_lazy(label)) for key, label in mapping.items()]


def _efficacy_label(value, label):
    return f"{value} — {gettext(label)}"


def _skin_type_label(roman):
    return gettext("Type %(type)s") % {"type": roman}


# Labels put together in the language of each request.
efficacy_label = lazy(_efficacy_label, str)
skin_type_label = lazy(_skin_type_label, str)

EFFICACY_CHOICES = [
    (value, efficacy_label(value, label)) for value, label in vocabulary.EFFICACY_SCALE.items()
]
SKIN_TYPE_CHOICES = [
    (number, skin_type_label(roman)) for number, roman in vocabulary.FITZPATRICK_TYPES.items()
]


class Source(models.Model):
    """A reference the catalog's figures and rules come from (docs/clinical-basis.md, section 11),
    cited by its short key."""

    key = models.CharField(
        max_length=60,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9.-]*$",
                gettext_lazy("Letters, digits, hyphens and dots only, e.g. AAD-peels."),
            )
        ],
        help_text=gettext_lazy("The short name it is cited by, e.g. AAD-peels."),
    )
    title = models.CharField(max_length=300)
    publisher = models.CharField(
        max_length=300, blank=True, help_text=gettext_lazy("Authors, journal or organisation.")
    )
    year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=gettext_lazy("Leave empty when the source gives none."),
    )
    url = models.URLField(gettext_lazy("address"), max_length=500, blank=True)

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return f"[{self.key}] {self.title}"


class HistoryWithSources(HistoricalRecords):
    """django-simple-history for a model that cites sources (its `sources` recorded with each
    entry, `m2m_fields`)."""

    def __init__(self, **options):
        super().__init__(m2m_fields=["sources"], **options)

    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("raw"):
            # Loaded as stored (a fixture, a test database put back), with its history: neither
            # the row, which django-simple-history already skips, nor the sources set on it
            # next get an entry of their own.
            instance.skip_history_when_saving = True
        super().post_save(instance, created, using=using, **kwargs)


def cites_sources(related_name, help_text):
    # Blank allowed: rows from before sources were kept have none; the admin asks for one on
    # every new row (treatments/admin.py).
    return models.ManyToManyField(
        Source, blank=True, related_name=related_name, help_text=help_text
    )


def record_current_sources(row):
    """Give the row's latest history entry its sources as they are now.

    A form saves the row (simple_history records an entry) before it sets the row's sources;
    the form sets them without an entry of its own per source added or removed, and calls this,
    so that one edit is one entry with the sources it left."""
    entry = row.history.first()
    if entry is None:
        return
    kept = type(entry).sources.model
    links = type(row).sources.through
    kept.objects.filter(history=entry).delete()
    kept.objects.bulk_create(
        kept(
            history=entry,
            **{field.attname: getattr(link, field.attname) for field in links._meta.fields},
        )
        for link in links.objects.filter(**{type(row).sources.field.m2m_field_name(): row})
    )


class ProcedureFamily(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = gettext_lazy("procedure families")

    def __str__(self):
        return self.name


class FeeKind(models.TextChoices):
    """Whose figures a treatment's fee is: the clinic's own price, or the typical range the
    catalog was seeded with (docs/clinical-basis.md, section 2), which is not a quote."""

    TYPICAL = "typical", gettext_lazy("Typical range, not a quote")
    OURS = "ours", gettext_lazy("Our price")


def months_before(day, months):
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class TreatmentQuerySet(models.QuerySet):
    def review_due(self, today):
        """Never medically reviewed, or reviewed more than CONTENT_REVIEW_MONTHS ago."""
        return self.filter(_review_due(today))

    def review_current(self, today):
        return self.exclude(_review_due(today))


def _review_due(today):
    oldest_current = months_before(today, settings.CONTENT_REVIEW_MONTHS)
    return models.Q(reviewed_on__isnull=True) | models.Q(reviewed_on__lt=oldest_current)


class Treatment(models.Model):
    family = models.ForeignKey(ProcedureFamily, on_delete=models.PROTECT, related_name="treatments")
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=150, help_text=gettext_lazy("Patient-facing name."))
    intensity_rank = models.PositiveSmallIntegerField(
        unique=True,
        validators=[MinValueValidator(1)],
        help_text=gettext_lazy("1 = lightest. Unique across the catalog: it breaks ranking ties."),
    )
    intensity_label = models.CharField(
        max_length=50, help_text=gettext_lazy("e.g. superficial, deep.")
    )
    ablative = models.BooleanField(
        help_text=gettext_lazy("The surface layer is removed and must re-heal.")
    )
    downtime_min_days = models.PositiveSmallIntegerField()
    downtime_max_days = models.PositiveSmallIntegerField()
    sessions_min = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    sessions_max = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    fee_min = models.PositiveIntegerField(
        gettext_lazy("fee per session, low end"),
        help_text=gettext_lazy("In the clinic's currency (Clinic profile)."),
    )
    fee_max = models.PositiveIntegerField(
        gettext_lazy("fee per session, high end"),
        help_text=gettext_lazy("In the clinic's currency (Clinic profile)."),
    )
    fee_kind = models.CharField(
        gettext_lazy("fee kind"),
        max_length=10,
        choices=FeeKind.choices,
        default=FeeKind.TYPICAL,
        help_text=gettext_lazy(
            "“Our price” once the fees are this clinic's own; patients see which."
        ),
    )
    description = models.TextField(help_text=gettext_lazy("What it is, in plain words."))
    side_effects = models.TextField(
        help_text=gettext_lazy("Main side effects and risks, in plain words.")
    )
    questions = models.TextField(
        gettext_lazy("questions to ask your provider"),
        blank=True,
        default="",
        help_text=gettext_lazy(
            "One question per line, in plain words; patients see them with the treatment."
        ),
    )
    sources = cites_sources(
        "treatments",
        gettext_lazy(
            "Where its own figures come from: what it is, recovery, sessions, fees, side effects."
        ),
    )
    reviewed_by = models.CharField(
        gettext_lazy("medically reviewed by"),
        max_length=200,
        blank=True,
        default="",
        help_text=gettext_lazy(
            "Name and credentials, e.g. “Dr A. Smith, consultant dermatologist”. Leave "
            "empty until someone qualified has reviewed this content."
        ),
    )
    reviewed_on = models.DateField(
        gettext_lazy("medically reviewed on"),
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "The date of that review; a review is due again after the months the "
            "CONTENT_REVIEW_MONTHS setting gives."
        ),
    )
    is_active = models.BooleanField(
        default=True, help_text=gettext_lazy("Inactive treatments are never suggested nor listed.")
    )
    # Who changed what and when, editors can revert: django-simple-history, registered in
    # treatments/translation.py once each content field has its per-language fields.

    objects = TreatmentQuerySet.as_manager()

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

    def review_due(self, today):
        return self.reviewed_on is None or self.reviewed_on < months_before(
            today, settings.CONTENT_REVIEW_MONTHS
        )

    def question_list(self):
        """The questions to ask the provider, one a line, blank lines left out."""
        return tuple(line.strip() for line in self.questions.splitlines() if line.strip())

    def clean(self):
        errors = {}
        for low, high, message in (
            (
                "downtime_min_days",
                "downtime_max_days",
                gettext_lazy("The minimum downtime cannot be more than the maximum."),
            ),
            (
                "sessions_min",
                "sessions_max",
                gettext_lazy("The minimum sessions cannot be more than the maximum."),
            ),
            (
                "fee_min",
                "fee_max",
                gettext_lazy("The minimum fee cannot be more than the maximum."),
            ),
        ):
            low_value, high_value = getattr(self, low), getattr(self, high)
            if low_value is not None and high_value is not None and low_value > high_value:
                errors[low] = message
        if errors:
            raise ValidationError(errors)


class ConcernEfficacy(models.Model):
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="efficacies")
    concern = models.CharField(max_length=40, choices=choices(vocabulary.CONCERNS))
    score = models.PositiveSmallIntegerField(
        choices=[
            (value, efficacy_label(value, label))
            for value, label in vocabulary.EFFICACY_SCALE.items()
        ],
        validators=[MaxValueValidator(3)],
    )
    rationale = models.TextField(
        blank=True, help_text=gettext_lazy("Shown to the patient as the reason.")
    )
    sources = cites_sources("efficacies", gettext_lazy("Where the score and its reason come from."))

    class Meta:
        ordering = ["treatment", "concern"]
        verbose_name_plural = gettext_lazy("concern efficacies")
        constraints = [
            models.UniqueConstraint(
                fields=["treatment", "concern"], name="one_efficacy_per_concern"
            ),
            models.CheckConstraint(condition=models.Q(score__lte=3), name="efficacy_score_0_to_3"),
        ]

    def __str__(self):
        return f"{self.treatment}: {self.get_concern_display()} {self.score}"

    @property
    def row_label(self):
        """Which of its treatment's rows it is, in the treatment's history."""
        return gettext("Efficacy: %(concern)s") % {"concern": self.get_concern_display()}


class SkinTypeSuitability(models.Model):
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="skin_types")
    fitzpatrick = models.PositiveSmallIntegerField(
        choices=[
            (number, skin_type_label(roman))
            for number, roman in vocabulary.FITZPATRICK_TYPES.items()
        ]
    )
    suitability = models.CharField(max_length=10, choices=choices(vocabulary.SUITABILITY))
    reason = models.TextField(
        blank=True, help_text=gettext_lazy("Patient-facing; required for caution and avoid.")
    )
    sources = cites_sources("skin_types", gettext_lazy("Where this suitability comes from."))

    class Meta:
        ordering = ["treatment", "fitzpatrick"]
        verbose_name = gettext_lazy("skin type suitability")
        verbose_name_plural = gettext_lazy("skin type suitability")
        constraints = [
            models.UniqueConstraint(
                fields=["treatment", "fitzpatrick"], name="one_suitability_per_skin_type"
            ),
        ]

    def __str__(self):
        return f"{self.treatment}: type {self.fitzpatrick} {self.suitability}"

    @property
    def row_label(self):
        return gettext("Skin type: %(type)s") % {"type": self.get_fitzpatrick_display()}

    def clean(self):
        # The English text (reason_en, treatments/translation.py) is the one every language
        # falls back to: it must be there.
        if self.suitability != vocabulary.SUITABLE and not (self.reason_en or "").strip():
            raise ValidationError(
                {"reason_en": gettext("Give the patient a reason for caution or avoid.")}
            )


class HealthRule(models.Model):
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="health_rules")
    flag = models.CharField(max_length=50, choices=choices(vocabulary.HEALTH_FLAG_LABELS))
    action = models.CharField(max_length=10, choices=choices(vocabulary.HEALTH_ACTIONS))
    reason = models.TextField(
        help_text=gettext_lazy("Patient-facing explanation of the exclusion or caution.")
    )
    sources = cites_sources("health_rules", gettext_lazy("Where this rule comes from."))

    class Meta:
        ordering = ["treatment", "flag"]
        constraints = [
            models.UniqueConstraint(fields=["treatment", "flag"], name="one_rule_per_health_flag"),
        ]

    def __str__(self):
        return f"{self.treatment}: {self.flag} → {self.action}"

    @property
    def row_label(self):
        return gettext("Health rule: %(flag)s") % {"flag": self.get_flag_display()}


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
