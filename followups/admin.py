from django.contrib import admin, messages
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy, ngettext

from common.admin import DeclaredFiltersOnly
from followups.models import DatabaseNow, FollowUp


@admin.register(FollowUp)
class FollowUpAdmin(DeclaredFiltersOnly, admin.ModelAdmin):
    """The outbox for staff: what was sent, what is due, and what failed and why. Its list
    accepts only its own filters (common/admin.py)."""

    list_display = ["id", "intake_id", "kind", "status", "due_at", "sent_at", "attempts", "error"]
    list_filter = ["status", "kind", "due_at", "sent_at"]
    date_hierarchy = "due_at"
    ordering = ["-due_at"]
    fields = [
        "intake",
        "kind",
        "status",
        "due_at",
        "claimed_at",
        "attempts",
        "first_attempt_at",
        "sent_at",
        "failed_at",
        "staff_notified_at",
        "created_at",
        "last_error",
    ]
    readonly_fields = fields
    actions = ["send_again", "cancel"]

    @admin.display(description=gettext_lazy("last error"))
    def error(self, followup):
        return truncatechars(followup.last_error, 120)

    def has_add_permission(self, request):
        return False

    @admin.action(description=gettext_lazy("Send again (failed ones only)"), permissions=["change"])
    def send_again(self, request, queryset):
        # A fresh start: attempts and the retry window begin again. A worker still holding an
        # old claim cannot record anything over it (its claim token no longer matches).
        count = queryset.filter(status=FollowUp.FAILED).update(
            status=FollowUp.PENDING,
            due_at=DatabaseNow(),
            attempts=0,
            claimed_at=None,
            claim_token="",
            first_attempt_at=None,
            failed_at=None,
            staff_notified_at=None,
        )
        # The English wording has one form for any number; a translation may have two.
        message = ngettext(
            "%(count)d follow-up(s) will be sent at the next sweep.",
            "%(count)d follow-up(s) will be sent at the next sweep.",
            count,
        )
        self.message_user(request, message % {"count": count})

    @admin.action(description=gettext_lazy("Cancel (pending ones only)"), permissions=["change"])
    def cancel(self, request, queryset):
        count = queryset.filter(status=FollowUp.PENDING).update(status=FollowUp.CANCELLED)
        message = ngettext(
            "%(count)d follow-up(s) cancelled.", "%(count)d follow-up(s) cancelled.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
