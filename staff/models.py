from django.conf import settings
from django.db import models
from django.utils.translation import gettext, gettext_lazy


class AuditEvent(models.Model):
    """One staff action on patient data: who, when, which intake, what. Never edited."""

    LIST, VIEW, CHANGE, EXPORT, ERASE, ANONYMISE, NOTE = (
        "list",
        "view",
        "change",
        "export",
        "erase",
        "anonymise",
        "note",
    )
    ACTIONS = [
        (LIST, gettext_lazy("Listed")),
        (VIEW, gettext_lazy("Viewed")),
        (CHANGE, gettext_lazy("Changed")),
        (EXPORT, gettext_lazy("Exported")),
        (ERASE, gettext_lazy("Erased on request")),
        (ANONYMISE, gettext_lazy("Anonymised by retention")),
        (NOTE, gettext_lazy("Added a note")),
    ]

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    action = models.CharField(max_length=20, choices=ACTIONS)
    intake = models.ForeignKey(
        "intake.Intake", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        who = self.user or gettext("system")
        return f"{self.at:%Y-%m-%d %H:%M} {who} {self.get_action_display().lower()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("An audit event is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("An audit event is never deleted.")


def record(action, user=None, intake=None, detail=""):
    """Write an audit event; the detail must not contain personal data or health answers."""
    return AuditEvent.objects.create(
        action=action,
        user=user if user is not None and user.is_authenticated else None,
        intake=intake,
        detail=detail,
    )
