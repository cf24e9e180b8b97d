"""The outbox: one row per promised e-mail, created in the intake's transaction."""

from django.db import models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy


class DatabaseNow(Now):
    """The database's clock: what claims, leases and retries are stamped and judged by, so
    workers whose clocks disagree still agree on them."""


class DatabaseNowRoundedUp(DatabaseNow):
    """The database's clock for comparisons ("is it due?", "is the lease over?").

    SQLite's clock has milliseconds only: there it reads as the last microsecond of its
    millisecond, so a row made due by Python's clock a moment ago is due by the database's too.
    """

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = super().as_sqlite(compiler, connection, **extra_context)
        return f"({sql} || '999')", params


class FollowUp(models.Model):
    """One e-mail promised to a patient who opted in; sent at most once, by whoever claims it."""

    SUMMARY = "summary"
    REMINDER = "reminder"
    KINDS = [
        (SUMMARY, gettext_lazy("Summary, right after submission")),
        (REMINDER, gettext_lazy("Reminder to book a consultation")),
    ]

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
    STATUSES = [
        (PENDING, gettext_lazy("Pending")),
        (SENDING, gettext_lazy("Sending")),
        (SENT, gettext_lazy("Sent")),
        (FAILED, gettext_lazy("Failed")),
        (CANCELLED, gettext_lazy("Cancelled")),
    ]

    intake = models.ForeignKey("intake.Intake", on_delete=models.CASCADE, related_name="followups")
    kind = models.CharField(max_length=20, choices=KINDS)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=STATUSES, default=PENDING)
    # Set by the claim, from the database's clock; a claim older than FOLLOWUP_CLAIM_LEASE was
    # abandoned by its worker.
    claimed_at = models.DateTimeField(null=True, blank=True)
    # A random token per claim: only the worker holding it may record the outcome.
    claim_token = models.CharField(max_length=64, blank=True, default="", editable=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The first attempt since the row was created or staff sent it again: temporary failures
    # are retried for FOLLOWUP_RETRY_FOR seconds from then.
    first_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    # When the clinic's staff address was told about this failure (followups/failures.py).
    staff_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = gettext_lazy("follow-up e-mail")
        constraints = [
            models.UniqueConstraint(fields=["intake", "kind"], name="followup_one_per_kind"),
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="followup_sweep")]

    def __str__(self):
        return gettext("%(kind)s for intake %(intake)s (%(status)s)") % {
            "kind": self.get_kind_display(),
            "intake": self.intake_id,
            "status": self.status,
        }
