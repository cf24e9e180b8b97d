from django.contrib import admin

from staff.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log: superusers read it; nobody adds, changes or deletes it."""

    list_display = ["at", "user", "action", "intake", "detail"]
    list_filter = ["action", "at"]
    list_select_related = ["user", "intake"]
    search_fields = ["user__username", "=intake__id", "detail"]
    search_help_text = "A staff member's username, an intake's number, or words of the detail."
    date_hierarchy = "at"

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
