from django.contrib import admin, messages
from django.template.defaultfilters import truncatechars
from django.utils import timezone

from followups.models import FollowUp


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    """The outbox for staff: what was sent, what is due, and what failed and why."""

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
        "sent_at",
        "created_at",
        "last_error",
    ]
    readonly_fields = fields
    actions = ["send_again", "cancel"]

    @admin.display(description="last error")
    def error(self, followup):
        return truncatechars(followup.last_error, 120)

    def has_add_permission(self, request):
        return False

    @admin.action(description="Send again (failed ones only)", permissions=["change"])
    def send_again(self, request, queryset):
        count = queryset.filter(status=FollowUp.FAILED).update(
            status=FollowUp.PENDING, due_at=timezone.now(), attempts=0, claimed_at=None
        )
        self.message_user(request, f"{count} follow-up(s) will be sent at the next sweep.")

    @admin.action(description="Cancel (pending ones only)", permissions=["change"])
    def cancel(self, request, queryset):
        count = queryset.filter(status=FollowUp.PENDING).update(status=FollowUp.CANCELLED)
        self.message_user(request, f"{count} follow-up(s) cancelled.", messages.SUCCESS)
