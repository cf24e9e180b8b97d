from django.contrib import admin
from django.utils.functional import lazy
from django.utils.translation import ngettext

from common.admin import DeclaredFiltersOnly
from staff.models import AuditEvent

MAX_SEARCH_TERMS = 5
MAX_SEARCH_LENGTH = 100


def _search_help_text():
    return ngettext(
        "A staff member's username, an intake's number, or words of the detail "
        "(up to %(count)d word).",
        "A staff member's username, an intake's number, or words of the detail "
        "(up to %(count)d words).",
        MAX_SEARCH_TERMS,
    ) % {"count": MAX_SEARCH_TERMS}


@admin.register(AuditEvent)
class AuditEventAdmin(DeclaredFiltersOnly, admin.ModelAdmin):
    """The audit log: superusers read it; nobody adds, changes or deletes it."""

    list_display = ["at", "user", "action", "intake", "detail"]
    list_filter = ["action", "at"]
    list_select_related = ["user", "intake"]
    search_fields = ["user__username", "=intake__id", "detail"]
    search_help_text = lazy(_search_help_text, str)()  # in the language of each request
    date_hierarchy = "at"

    def get_search_results(self, request, queryset, search_term):
        # Each term is a condition on three columns: a few short terms find any event.
        bounded = " ".join(search_term[:MAX_SEARCH_LENGTH].split()[:MAX_SEARCH_TERMS])
        return super().get_search_results(request, queryset, bounded)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
