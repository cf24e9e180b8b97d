from itertools import chain

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from modeltranslation.translator import translator
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic
from simple_history.template_utils import HistoricalRecordContextHelper

from clinic.money import format_range
from clinic.profile import current_clinic
from treatments import preview
from treatments.models import (
    ConcernEfficacy,
    HealthRule,
    ProcedureFamily,
    SkinTypeSuitability,
    Source,
    Treatment,
    record_current_sources,
)
from treatments.vocabulary import CONCERNS, FITZPATRICK_TYPES

# --- History ----------------------------------------------------------------------------------


class History(list):
    """The entries a history page lists, newest first: the object's own and, on a treatment's
    page, those of the rows edited on it. Each entry knows the one before it of the same row
    (`previous`). `model` and `latest()` answer from the object's own entries, as the history
    view asks them when the object itself was deleted."""

    def __init__(self, own, *rows):
        entries = sorted(
            chain(own, *rows), key=lambda entry: (entry.history_date, entry.history_id)
        )
        before = {}
        for entry in entries:
            row = (type(entry), entry.id)
            entry.previous = before.get(row)
            before[row] = entry
        super().__init__(reversed(entries))
        self.own = own
        self.model = own.model

    def latest(self, *fields):
        return self.own.latest(*fields)


def sources_kept(entries):
    """The keys of the sources each entry recorded, by entry (entries of models that cite
    sources), one query per kind of entry."""
    kept = {}
    by_kind = {}
    for entry in entries:
        if hasattr(type(entry), "sources"):
            by_kind.setdefault(type(entry), []).append(entry)
    for kind, found in by_kind.items():
        for entry in found:
            kept[entry] = []
        by_id = {entry.history_id: entry for entry in found}
        links = kind.sources.model.objects.filter(history_id__in=by_id).select_related("source")
        for link in links.order_by("source__key"):
            if link.source:
                key = link.source.key
            else:
                key = gettext("deleted source %(id)s") % {"id": link.source_id}
            kept[by_id[link.history_id]].append(key)
    return kept


class CatalogHistoryAdmin(TranslationAdmin, SimpleHistoryAdmin):
    """Each text in every language side by side (django-modeltranslation); who changed what and
    when, with a revert for editors (django-simple-history)."""

    object_history_list_template = "admin/history_list.html"
    # The rows edited on this page (its inlines), whose entries its history lists too, by the
    # name of their foreign key to the object.
    rows_in_history = {}

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        own = super().get_history_queryset(request, history_manager, pk_name, object_id)
        rows = [
            model.history.filter(**{f"{key}_id": object_id}).select_related("history_user")
            for model, key in self.rows_in_history.items()
        ]
        return History(own, *rows)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """What each entry changed compared with the entry before it of the same row, its
        sources included; the row it is about; where to undo it."""
        entries = list(historical_records)
        kept = sources_kept(entries + [entry.previous for entry in entries if entry.previous])
        for entry in entries:
            entry.label = getattr(entry.instance, "row_label", None) or str(entry.history_object)
            entry.undo_url = undo_url(entry)
            if entry.previous is None:
                continue  # as django-simple-history: the first entry has nothing to compare with
            # A translated field's own column follows its English copy: the languages' fields
            # say what changed.
            translated = translator.get_options_for_model(entry.instance_type).local_fields
            delta = entry.diff_against(
                entry.previous,
                excluded_fields=["sources", *translated],
                foreign_keys_are_objs=foreign_keys_are_objs,
            )
            helper = self.get_historical_record_context_helper(request, entry)
            changes = helper.context_for_delta_changes(delta)
            before, after = kept.get(entry.previous), kept.get(entry)
            if before != after:
                changes.append(
                    {
                        "field": gettext("Sources"),
                        "old": ", ".join(before) or "–",
                        "new": ", ".join(after),
                    }
                )
            entry.history_delta_changes = changes

    def get_historical_record_context_helper(self, request, historical_record):
        return ChangesInEditorsWords(historical_record.instance_type, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history shows a version to anyone who may view it, and saves a posted
        # one for them too: only those who may change the object revert it.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


def undo_url(entry):
    """The version that undoes an entry: the row as it was before it. A deletion's own entry
    does not keep the row's sources (they go first), the one before does. None for a creation:
    the row is deleted instead."""
    if entry.history_type == "+":
        return None
    before = entry.previous or (entry if entry.history_type == "-" else None)
    return before.revert_url() if before else None


class ChangesInEditorsWords(HistoricalRecordContextHelper):
    """A change to a choice reads as the editor picked it: "Caution", "2 — a good option"."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        return super().prepare_delta_change_value(change, value)


# --- Sources -----------------------------------------------------------------------------------


class CitesSourcesForm(forms.ModelForm):
    """The form of a treatment or one of its rows: an edit is one history entry, its sources
    included; a version opened to revert it shows the sources that version had."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        version = to_historic(self.instance)
        if version is not None:
            self.initial["sources"] = [link.source_id for link in version.sources.all()]

    def _save_m2m(self):
        # Both ways a form is saved (the admin's save_related, a formset's form.save()) end
        # here, once the row itself is saved and its history entry recorded.
        self.instance.skip_history_when_saving = True
        try:
            super()._save_m2m()
        finally:
            del self.instance.skip_history_when_saving
        record_current_sources(self.instance)


NEW_ROW_NEEDS_A_SOURCE = gettext_lazy(
    "Cite at least one source for a new row. If it is not in the list yet, add it first under "
    "Treatment catalog › Sources."
)
ROW_KEEPS_A_SOURCE = gettext_lazy(
    "A row keeps at least one source. To replace it, pick the new source before removing the "
    "old one."
)


class RuleRowForm(CitesSourcesForm):
    """An efficacy, skin-type or health-rule row: a new one cites at least one source, and an
    edit never takes away its last one (rows from before sources were kept may have none)."""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("sources"):
            if self.instance._state.adding:
                self.add_error("sources", NEW_ROW_NEEDS_A_SOURCE)
            elif "sources" in self.changed_data:
                self.add_error("sources", ROW_KEEPS_A_SOURCE)
        return cleaned


@admin.register(Source)
class SourceAdmin(CatalogHistoryAdmin):
    """The references the catalog cites (docs/clinical-basis.md, section 11)."""

    list_display = ["key", "title", "publisher", "year"]
    search_fields = ["key", "title", "publisher"]
    list_filter = ["year"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class RowPerChoiceInline(TranslationTabularInline):
    """One row per concern or skin type: a new treatment starts with every row to fill in."""

    extra = 0
    rows = 0

    def get_extra(self, request, obj=None, **kwargs):
        return self.rows if obj is None else 0

    def get_max_num(self, request, obj=None, **kwargs):
        return self.rows


class ConcernEfficacyInline(RowPerChoiceInline):
    model = ConcernEfficacy
    form = RuleRowForm
    rows = len(CONCERNS)
    fields = ["concern", "score", "rationale", "sources"]
    autocomplete_fields = ["sources"]


class SkinTypeSuitabilityInline(RowPerChoiceInline):
    model = SkinTypeSuitability
    form = RuleRowForm
    rows = len(FITZPATRICK_TYPES)
    fields = ["fitzpatrick", "suitability", "reason", "sources"]
    autocomplete_fields = ["sources"]


class HealthRuleInline(TranslationTabularInline):
    model = HealthRule
    form = RuleRowForm
    extra = 0
    fields = ["flag", "action", "reason", "sources"]
    autocomplete_fields = ["sources"]


class ReviewDueFilter(admin.SimpleListFilter):
    title = gettext_lazy("review due")
    parameter_name = "review_due"

    def lookups(self, request, model_admin):
        return [("yes", gettext("Yes")), ("no", gettext("No"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "yes":
            return queryset.review_due(today)
        if self.value() == "no":
            return queryset.review_current(today)
        return queryset


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
        "review_due",
    ]
    list_filter = ["family", "ablative", "fee_kind", "is_active", ReviewDueFilter]
    list_select_related = ["family"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["family", "name", "slug", "is_active", "preview_link"]}),
        (gettext_lazy("Intensity"), {"fields": ["intensity_rank", "intensity_label", "ablative"]}),
        (
            gettext_lazy("Recovery, sessions and fees"),
            {
                "fields": [
                    ("downtime_min_days", "downtime_max_days"),
                    ("sessions_min", "sessions_max"),
                    FEE_FIELDS,
                    "fee_kind",
                ],
            },
        ),
        (
            gettext_lazy("Patient-facing text"),
            {"fields": ["description", "side_effects", "questions"]},
        ),
        (
            gettext_lazy("Sources and medical review"),
            {
                "fields": ["sources", "reviewed_by", "reviewed_on"],
                "description": gettext_lazy(
                    "Patients see who reviewed the content and when. Leave “reviewed "
                    "by” empty until someone qualified has reviewed it."
                ),
            },
        ),
    ]
    readonly_fields = ["preview_link"]
    form = CitesSourcesForm
    autocomplete_fields = ["sources"]
    inlines = [ConcernEfficacyInline, SkinTypeSuitabilityInline, HealthRuleInline]
    rows_in_history = {
        ConcernEfficacy: "treatment",
        SkinTypeSuitability: "treatment",
        HealthRule: "treatment",
    }

    def get_fieldsets(self, request, obj=None):
        """The fees' section says which currency they are in."""
        fees = gettext(
            "Fees are per session, in %(currency)s: the clinic's currency, set "
            "in the clinic profile."
        ) % {"currency": current_clinic().currency}
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
        # A page of the site's own, outside the admin's layout: the site's stylesheets would
        # rearrange the admin's.
        context = {
            **preview.for_patient(treatment, request.GET),
            "original": treatment,
            "change_url": reverse("admin:treatments_treatment_change", args=[treatment.pk]),
        }
        return TemplateResponse(request, "treatments/preview.html", context)

    @admin.display(description=gettext_lazy("Patient view"))
    def preview_link(self, obj):
        if obj.pk is None:
            return gettext("Save the treatment first.")
        url = reverse("admin:treatments_treatment_preview", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Preview as patient"))

    @admin.display(description=gettext_lazy("Review due"), boolean=True)
    def review_due(self, obj):
        """Never medically reviewed, or longer ago than CONTENT_REVIEW_MONTHS."""
        return obj.review_due(timezone.localdate())

    @admin.display(description=gettext_lazy("Downtime (days)"))
    def downtime(self, obj):
        return f"{obj.downtime_min_days}–{obj.downtime_max_days}"

    @admin.display(description=gettext_lazy("Sessions"))
    def sessions(self, obj):
        return f"{obj.sessions_min}–{obj.sessions_max}"

    @admin.display(description=gettext_lazy("Fee per session"))
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


class TreatmentRowAdmin(CatalogHistoryAdmin):
    """The rows of every treatment in one list; their versions are what the treatment's history
    reverts its rows to."""

    form = RuleRowForm
    autocomplete_fields = ["sources"]

    def response_change(self, request, obj):
        if request.resolver_match.url_name.endswith("_simple_history"):
            message = gettext("%(row)s of %(treatment)s restored.") % {
                "row": obj.row_label,
                "treatment": obj.treatment,
            }
            self.message_user(request, message, messages.SUCCESS)
            history = reverse("admin:treatments_treatment_history", args=[obj.treatment_id])
            return HttpResponseRedirect(history)
        return super().response_change(request, obj)


@admin.register(HealthRule)
class HealthRuleAdmin(TreatmentRowAdmin):
    """Every health-screen rule across the catalog, for a clinical review in one list."""

    list_display = ["flag", "treatment", "action", "reason"]
    list_filter = ["flag", "action", "treatment"]
    list_select_related = ["treatment"]
    search_fields = ["reason"]
    ordering = ["flag", "treatment__intensity_rank"]


@admin.register(ConcernEfficacy)
class ConcernEfficacyAdmin(TreatmentRowAdmin):
    """The efficacy matrix across the catalog, with each row's history."""

    list_display = ["treatment", "concern", "score", "rationale"]
    list_filter = ["concern", "score", "treatment"]
    list_select_related = ["treatment"]
    ordering = ["treatment__intensity_rank", "concern"]


@admin.register(SkinTypeSuitability)
class SkinTypeSuitabilityAdmin(TreatmentRowAdmin):
    """The skin-type matrix across the catalog, with each row's history."""

    list_display = ["treatment", "fitzpatrick", "suitability", "reason"]
    list_filter = ["fitzpatrick", "suitability", "treatment"]
    list_select_related = ["treatment"]
    ordering = ["treatment__intensity_rank", "fitzpatrick"]
