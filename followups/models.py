"""The outbox: one row per promised e-mail, created in the intake's transaction."""

from django.db import models
from django.utils import timezone


class FollowUp(models.Model):
    """One e-mail promised to a patient who opted in; sent at most once, by whoever claims it."""

    SUMMARY = "summary"
    REMINDER = "reminder"
    KINDS = [
        (SUMMARY, "Summary, right after submission"),
        (REMINDER, "Reminder to book a consultation"),
    ]

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
    STATUSES = [
        (PENDING, "Pending"),
        (SENDING, "Sending"),
        (SENT, "Sent"),
        (FAILED, "Failed"),
        (CANCELLED, "Cancelled"),
    ]

    intake = models.ForeignKey("intake.Intake", on_delete=models.CASCADE, related_name="followups")
    kind = models.CharField(max_length=20, choices=KINDS)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=STATUSES, default=PENDING)
    # Set by the claim; a claim older than FOLLOWUP_CLAIM_LEASE was abandoned by its worker.
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = "follow-up e-mail"
        constraints = [
            models.UniqueConstraint(fields=["intake", "kind"], name="followup_one_per_kind"),
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="followup_sweep")]

    def __str__(self):
        return f"{self.get_kind_display()} for intake {self.intake_id} ({self.status})"
