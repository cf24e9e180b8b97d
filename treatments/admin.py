from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from clinic.money import format_range
from clinic.profile import current_clinic
from treatments import preview
from treatments.models import (
    ConcernEfficacy,
    HealthRule,
    ProcedureFamily,
    SkinTypeSuitability,
    Treatment,
)
from treatments.vocabulary import CONCERNS, FITZPATRICK_TYPES


class CatalogHistoryAdmin(SimpleHistoryAdmin):
    """Who changed what and when, with a revert for editors (django-simple-history)."""

    object_history_list_template = "admin/history_list.html"


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


FEE_FIELDS = ("fee_min", "fee_max")


@admin.register(Treatment)
class TreatmentAdmin(CatalogHistoryAdmin):
    list_display = [
        "name",
        "family",
        "intensity_rank",
        "intensity_label",
        "ablative",
        "downtime",
        "sessions",
        "fee_per_session",
        "fee_kind",
        "is_active",
    ]
    list_filter = ["family", "ablative", "fee_kind", "is_active"]
    list_select_related = ["family"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["family", "name", "slug", "is_active", "preview_link"]}),
        ("Intensity", {"fields": ["intensity_rank", "intensity_label", "ablative"]}),
        (
            "Recovery, sessions and fees",
            {
                "fields": [
                    ("downtime_min_days", "downtime_max_days"),
                    ("sessions_min", "sessions_max"),
                    FEE_FIELDS,
                    "fee_kind",
                ],
            },
        ),
        ("Patient-facing text", {"fields": ["description", "side_effects"]}),
    ]
    readonly_fields = ["preview_link"]
    inlines = [ConcernEfficacyInline, SkinTypeSuitabilityInline, HealthRuleInline]

    def get_fieldsets(self, request, obj=None):
        """The fees' section says which currency they are in."""
        fees = (
            f"Fees are per session, in {current_clinic().currency}: the clinic's currency, set "
            "in the clinic profile."
        )
        return [
            (name, {**options, "description": fees} if FEE_FIELDS in options["fields"] else options)
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_urls(self):
        return [
            path(
                "<int:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="treatments_treatment_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        """The treatment as a patient would see it on a results page (saved content)."""
        treatment = get_object_or_404(Treatment, pk=object_id)
        if not self.has_view_permission(request, treatment):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            **preview.for_patient(treatment, request.GET),
            "title": f"Preview as patient: {treatment.name}",
            "opts": self.opts,
            "original": treatment,
        }
        return TemplateResponse(request, "treatments/preview.html", context)

    @admin.display(description="Patient view")
    def preview_link(self, obj):
        if obj.pk is None:
            return "Save the treatment first."
        url = reverse("admin:treatments_treatment_preview", args=[obj.pk])
        return format_html('<a href="{}">Preview as patient</a>', url)

    @admin.display(description="Downtime (days)")
    def downtime(self, obj):
        return f"{obj.downtime_min_days}–{obj.downtime_max_days}"

    @admin.display(description="Sessions")
    def sessions(self, obj):
        return f"{obj.sessions_min}–{obj.sessions_max}"

    @admin.display(description="Fee per session")
    def fee_per_session(self, obj):
        """In the clinic's currency, written for its locale."""
        clinic = current_clinic()
        return format_range(obj.fee_min, obj.fee_max, clinic.currency, clinic.locale)


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
class ProcedureFamilyAdmin(CatalogHistoryAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TreatmentInline]


@admin.register(HealthRule)
class HealthRuleAdmin(CatalogHistoryAdmin):
    """Every health-screen rule across the catalog, for a clinical review in one list."""

    list_display = ["flag", "treatment", "action", "reason"]
    list_filter = ["flag", "action", "treatment"]
    list_select_related = ["treatment"]
    search_fields = ["reason"]
    ordering = ["flag", "treatment__intensity_rank"]


@admin.register(ConcernEfficacy)
class ConcernEfficacyAdmin(CatalogHistoryAdmin):
    """The efficacy matrix across the catalog, with each row's history."""

    list_display = ["treatment", "concern", "score", "rationale"]
    list_filter = ["concern", "score", "treatment"]
    list_select_related = ["treatment"]
    ordering = ["treatment__intensity_rank", "concern"]


@admin.register(SkinTypeSuitability)
class SkinTypeSuitabilityAdmin(CatalogHistoryAdmin):
    """The skin-type matrix across the catalog, with each row's history."""

    list_display = ["treatment", "fitzpatrick", "suitability", "reason"]
    list_filter = ["fitzpatrick", "suitability", "treatment"]
    list_select_related = ["treatment"]
    ordering = ["treatment__intensity_rank", "fitzpatrick"]
