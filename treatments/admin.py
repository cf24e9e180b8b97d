from django.contrib import admin

from treatments.models import (
    ConcernEfficacy,
    HealthRule,
    ProcedureFamily,
    SkinTypeSuitability,
    Treatment,
)
from treatments.vocabulary import CONCERNS, FITZPATRICK_TYPES


class RowPerChoiceInline(admin.TabularInline):
    """One row per concern or skin type: a new treatment starts with every row to fill in."""

    extra = 0
    rows = 0

    def get_extra(self, request, obj=None, **kwargs):
        return self.rows if obj is None else 0

    def get_max_num(self, request, obj=None, **kwargs):
        return self.rows


class ConcernEfficacyInline(RowPerChoiceInline):
    model = ConcernEfficacy
    rows = len(CONCERNS)
    fields = ["concern", "score", "rationale"]


class SkinTypeSuitabilityInline(RowPerChoiceInline):
    model = SkinTypeSuitability
    rows = len(FITZPATRICK_TYPES)
    fields = ["fitzpatrick", "suitability", "reason"]


class HealthRuleInline(admin.TabularInline):
    model = HealthRule
    extra = 0
    fields = ["flag", "action", "reason"]


@admin.register(Treatment)
class TreatmentAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "family",
        "intensity_rank",
        "intensity_label",
        "ablative",
        "downtime",
        "sessions",
        "cost_per_session",
        "is_active",
    ]
    list_filter = ["family", "ablative", "is_active"]
    list_select_related = ["family"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["family", "name", "slug", "is_active"]}),
        ("Intensity", {"fields": ["intensity_rank", "intensity_label", "ablative"]}),
        (
            "Recovery, sessions and cost",
            {
                "fields": [
                    ("downtime_min_days", "downtime_max_days"),
                    ("sessions_min", "sessions_max"),
                    ("cost_min_usd", "cost_max_usd"),
                ]
            },
        ),
        ("Patient-facing text", {"fields": ["description", "side_effects"]}),
    ]
    inlines = [ConcernEfficacyInline, SkinTypeSuitabilityInline, HealthRuleInline]

    @admin.display(description="Downtime (days)")
    def downtime(self, obj):
        return f"{obj.downtime_min_days}–{obj.downtime_max_days}"

    @admin.display(description="Sessions")
    def sessions(self, obj):
        return f"{obj.sessions_min}–{obj.sessions_max}"

    @admin.display(description="Cost per session (USD)")
    def cost_per_session(self, obj):
        return f"{obj.cost_min_usd:,}–{obj.cost_max_usd:,}"


class TreatmentInline(admin.TabularInline):
    model = Treatment
    extra = 0
    fields = ["name", "intensity_rank", "intensity_label", "is_active"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        # A treatment needs its clinical rules: it is added on its own page, not here.
        return False


@admin.register(ProcedureFamily)
class ProcedureFamilyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TreatmentInline]


@admin.register(HealthRule)
class HealthRuleAdmin(admin.ModelAdmin):
    """Every health-screen rule across the catalog, for a clinical review in one list."""

    list_display = ["flag", "treatment", "action", "reason"]
    list_filter = ["flag", "action", "treatment"]
    list_select_related = ["treatment"]
    search_fields = ["reason"]
    ordering = ["flag", "treatment__intensity_rank"]
