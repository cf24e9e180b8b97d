import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from followups import outbox
from intake import workflow
from treatments.rules import IntakeAnswers
from treatments.vocabulary import RECOVERY_CHOICES


def new_token():
    # The results URL is the only key to a patient's answers: long and random, never an id.
    return secrets.token_urlsafe(32)


class ConsentText(models.Model):
    """One version of a consent a patient gives. Never changed: a new text is a new version, and
    each intake links to the exact texts its patient agreed to (GDPR Art. 7)."""

    STORAGE, HEALTH, CONTACT = "storage", "health", "contact"
    KINDS = [
        (STORAGE, gettext_lazy("Storing the answers")),
        (HEALTH, gettext_lazy("Processing health answers")),
        (CONTACT, gettext_lazy("Being contacted by the clinic")),
    ]

    kind = models.CharField(max_length=20, choices=KINDS)
    version = models.CharField(
        max_length=20, help_text=gettext_lazy("e.g. the date it is published.")
    )
    text = models.TextField(
        help_text=gettext_lazy("Exactly what the patient reads next to the checkbox.")
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="one_text_per_version")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, version {self.version}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("A consent text is never changed: publish a new version.")
        super().save(*args, **kwargs)


class Intake(models.Model):
    """A submitted questionnaire and the recommendation the patient saw."""

    SKIN_TYPE_SOURCES = [
        ("questionnaire", gettext_lazy("Estimated from the skin-type questionnaire")),
        ("stated", gettext_lazy("Stated by the patient, as told by a professional")),
    ]

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # The questionnaire draft's own key: a submission repeated after an error (the intake was
    # stored but the answer never reached the patient) finds the intake instead of storing a
    # second one.
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The language the patient answered in: their results page opens in it, e-mails are in it.
    language = models.CharField(
        max_length=10,
        choices=list(settings.AVAILABLE_LANGUAGES.items()),
        default="en",
        editable=False,
    )

    # The answers: health data, erased on request.
    concerns = models.JSONField(default=list, blank=True)
    fitzpatrick = models.PositiveSmallIntegerField(null=True, blank=True)
    skin_type_source = models.CharField(max_length=20, choices=SKIN_TYPE_SOURCES, blank=True)
    phototype_score = models.PositiveSmallIntegerField(null=True, blank=True)
    recovery = models.CharField(
        max_length=20,
        choices=[(key, gettext_lazy(label)) for key, (label, _) in RECOVERY_CHOICES.items()],
        blank=True,
    )
    event_date = models.DateField(
        null=True,
        blank=True,
        help_text=gettext_lazy("The patient's event, which recovery is to end before."),
    )
    max_downtime_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "The recovery time the recommendation accepted: the patient's choice, "
            "shortened to end a week before their event."
        ),
    )
    health = models.JSONField(
        default=dict, blank=True, help_text=gettext_lazy("Health-screen flag → yes/no.")
    )
    # Exactly what the patient was shown, so later catalog edits never change it.
    recommendation = models.JSONField(default=dict, blank=True)

    name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    adult_confirmed = models.BooleanField(default=False)
    consent_storage = models.ForeignKey(
        ConsentText,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("consent to storing"),
    )
    consent_health = models.ForeignKey(
        ConsentText,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("consent to processing health answers"),
    )
    consent_given_at = models.DateTimeField()
    followup_opt_in = models.BooleanField(default=False)

    erased_at = models.DateTimeField(null=True, blank=True)
    # When staff last closed it: closed intakes are kept CLOSED_INTAKE_RETENTION_DAYS from then.
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    # The reviewers' workflow.
    status = models.CharField(
        max_length=20, choices=workflow.STATUSES, default=workflow.NEW, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_intakes",
    )
    # Kept from the recommendation at submission, so the staff list can filter on them.
    flagged = models.BooleanField(
        default=False,
        help_text=gettext_lazy("A health-screen answer excluded or cautioned a treatment."),
    )
    candidate_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"Intake {self.pk} of {self.submitted_at:%Y-%m-%d %H:%M}"

    @property
    def is_erased(self):
        return self.erased_at is not None

    @property
    def chosen_recovery_days(self):
        """The recovery time the patient chose, before their event shortened it."""
        return RECOVERY_CHOICES[self.recovery][1] if self.recovery else None

    @property
    def event_shortened_recovery(self):
        return self.event_date is not None and self.max_downtime_days < self.chosen_recovery_days

    def answers(self) -> IntakeAnswers:
        return IntakeAnswers(
            fitzpatrick=self.fitzpatrick,
            concerns=tuple(self.concerns),
            max_downtime_days=self.max_downtime_days,
            health=frozenset(flag for flag, answer in self.health.items() if answer),
        )

    # What an erasure empties, and to what: the personal data and the health answers.
    ERASED_VALUES = {
        "concerns": [],
        "fitzpatrick": None,
        "skin_type_source": "",
        "phototype_score": None,
        "recovery": "",
        "event_date": None,
        "max_downtime_days": None,
        "health": {},
        "recommendation": {},
        "name": "",
        "email": "",
        "followup_opt_in": False,
        "flagged": False,
        "candidate_count": 0,
    }

    def erase(self):
        """Remove personal data and health answers; keep only that an intake existed.

        Only those columns are written, so a reviewer's status saved meanwhile stays."""
        for field, value in self.ERASED_VALUES.items():
            setattr(self, field, value)
        self.erased_at = timezone.now()
        with transaction.atomic():
            self.save(update_fields=[*self.ERASED_VALUES, "erased_at"])
            outbox.cancel_pending(self)
            # Reviewers' notes may quote the patient: they go too, the fact of a note stays.
            self.notes.update(text="[erased]")
            self.contact_requests.update(phone="", email="", message="")


class IntakeNote(models.Model):
    """An internal note of a reviewer: never shown to the patient, never exported."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Note by {self.author} at {self.created_at:%Y-%m-%d %H:%M}"


class ContactRequest(models.Model):
    """A patient's request, from their results page, that the clinic contact them."""

    MORNING, AFTERNOON, EVENING, ANY_TIME = "morning", "afternoon", "evening", "any"
    PREFERRED_TIMES = [
        (ANY_TIME, gettext_lazy("Any time")),
        (MORNING, gettext_lazy("Morning")),
        (AFTERNOON, gettext_lazy("Afternoon")),
        (EVENING, gettext_lazy("Evening")),
    ]
    MAX_MESSAGE_LENGTH = 500

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="contact_requests")
    created_at = models.DateTimeField(auto_now_add=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    preferred_time = models.CharField(max_length=20, choices=PREFERRED_TIMES, default=ANY_TIME)
    message = models.TextField(max_length=MAX_MESSAGE_LENGTH, blank=True)
    consent = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="+")
    consent_given_at = models.DateTimeField()
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Contact request of {self.created_at:%Y-%m-%d %H:%M}"
