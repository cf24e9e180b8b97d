"""The reviewers' workspace: the intake list, the detail with notes and workflow, CSV export
and erasure. Every view, change, export and erasure lands in the audit log."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy, override, pgettext, pgettext_lazy
from modeltranslation.admin import TranslationAdmin

from common.admin import DeclaredFiltersOnly
from followups import outbox
from intake import export, results, workflow
from intake.models import ConsentText, ContactRequest, Intake, IntakeNote
from staff.models import AuditEvent, record
from treatments.vocabulary import CONCERNS, FITZPATRICK_TYPES

# The follow-up e-mails by a short name, for the intake list's column.
FOLLOWUP_KIND_NAMES = {
    "summary": pgettext_lazy("follow-up e-mail", "Summary"),
    "reminder": pgettext_lazy("follow-up e-mail", "Reminder"),
}


class ConcernFilter(admin.SimpleListFilter):
    title = gettext_lazy("concern")
    parameter_name = "concern"

    def lookups(self, request, model_admin):
        return [(key, gettext(label)) for key, label in CONCERNS.items()]

    def queryset(self, request, queryset):
        if self.value() in CONCERNS:
            # Concerns are stored as a JSON list of keys; the quoted key matches one element.
            return queryset.filter(concerns__icontains=f'"{self.value()}"')
        return queryset


class FitzpatrickFilter(admin.SimpleListFilter):
    title = gettext_lazy("skin type")
    parameter_name = "fitzpatrick"

    def lookups(self, request, model_admin):
        return [
            (str(number), gettext("Type %(type)s") % {"type": roman})
            for number, roman in FITZPATRICK_TYPES.items()
        ]

    def queryset(self, request, queryset):
        if self.value() in {str(number) for number in FITZPATRICK_TYPES}:
            return queryset.filter(fitzpatrick=int(self.value()))
        return queryset


class ErasedFilter(admin.SimpleListFilter):
    """Erased intakes are out of the way unless asked for."""

    title = gettext_lazy("erased")
    parameter_name = "erased"

    def lookups(self, request, model_admin):
        return [("yes", gettext("Erased only")), ("all", gettext("Erased and not"))]

    def choices(self, changelist):
        for value, label in [(None, gettext("Not erased")), *self.lookup_choices]:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value})
                if value
                else changelist.get_query_string(remove=[self.parameter_name]),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(erased_at=None)
        if self.value() == "all":
            return queryset
        return queryset.filter(erased_at=None)


class ContactRequestFilter(admin.SimpleListFilter):
    title = gettext_lazy("contact request")
    parameter_name = "contact_request"

    def lookups(self, request, model_admin):
        return [
            ("open", pgettext("contact requests", "Open")),
            ("any", pgettext("contact requests", "Any")),
            ("none", pgettext("contact requests", "None")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(open_requests__gt=0)
        if self.value() == "any":
            return queryset.filter(contact_requests__isnull=False).distinct()
        if self.value() == "none":
            return queryset.filter(contact_requests__isnull=True)
        return queryset


class ContactRequestInline(admin.TabularInline):
    """What the patient asked for on their results page; handled once the intake is marked
    contacted, booked or closed."""

    model = ContactRequest
    extra = 0
    fields = ["created_at", "phone", "email", "preferred_time", "message", "handled_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class IntakeReviewForm(forms.ModelForm):
    class Meta:
        model = Intake
        fields = ["status", "assignee"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.fields:  # shown read-only (an erased intake)
            return
        current = self.instance.status
        self.fields["status"].choices = [
            (value, text)
            for value, text in workflow.STATUSES
            if value in workflow.allowed_next(current)
        ]
        # Intakes are assigned to staff; the current assignee stays choosable if deactivated.
        assignee = self.fields["assignee"]
        staff = Q(is_staff=True, is_active=True)
        if self.instance.assignee_id:
            staff |= Q(pk=self.instance.assignee_id)
        assignee.queryset = get_user_model().objects.filter(staff).order_by("username")


class IntakeNoteInline(admin.TabularInline):
    """Internal notes: added, never edited, each with its author and time."""

    model = IntakeNote
    extra = 1
    fields = ["text", "written_by", "created_at"]
    readonly_fields = ["written_by", "created_at"]
    can_delete = False

    @admin.display(description=gettext_lazy("Author"))
    def written_by(self, note):
        # The name only: a link to the account would lead reviewers to a page they cannot open.
        return note.author.get_username() if note.author else "–"

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


@admin.register(Intake)
class IntakeAdmin(DeclaredFiltersOnly, admin.ModelAdmin):
    form = IntakeReviewForm
    list_display = [
        "submitted_at",
        "patient",
        "status",
        "assignee",
        "skin_type",
        "concern_list",
        "flags",
        "followup_state",
    ]
    list_filter = [
        "status",
        ContactRequestFilter,
        "submitted_at",
        "flagged",
        ConcernFilter,
        FitzpatrickFilter,
        ("assignee", admin.RelatedOnlyFieldListFilter),
        ErasedFilter,
    ]
    search_fields = ["email", "name"]
    ordering = ["-submitted_at", "-id"]
    list_per_page = 50
    show_full_result_count = False
    inlines = [ContactRequestInline, IntakeNoteInline]
    actions = ["export_selected"]
    fieldsets = [
        (gettext_lazy("Workflow"), {"fields": ["status", "assignee", "patient_page"]}),
        (
            gettext_lazy("Patient"),
            {"fields": ["submitted_at", "contact", "consent", "erased_at"]},
        ),
        (gettext_lazy("Answers"), {"fields": ["answers_in_plain_language"]}),
        (gettext_lazy("What the patient saw"), {"fields": ["recommendation_snapshot"]}),
        (gettext_lazy("Follow-up e-mails"), {"fields": ["followup_list"]}),
        (gettext_lazy("History"), {"fields": ["workflow_history"]}),
    ]
    readonly_fields = [
        "patient_page",
        "submitted_at",
        "contact",
        "consent",
        "erased_at",
        "answers_in_plain_language",
        "recommendation_snapshot",
        "followup_list",
        "workflow_history",
    ]

    class Media:
        css = {"all": ["css/staff.css"]}

    def get_queryset(self, request):
        open_requests = Count("contact_requests", filter=Q(contact_requests__handled_at=None))
        return (
            super()
            .get_queryset(request)
            .select_related("assignee", "consent_storage", "consent_health")
            .prefetch_related("followups")
            .annotate(open_requests=open_requests)
        )

    def has_add_permission(self, request):
        return False  # intakes come from patients only

    def has_delete_permission(self, request, obj=None):
        return False  # erase instead: the audit trail keeps that the intake existed

    # -- list columns -------------------------------------------------------------------

    @admin.display(description=gettext_lazy("Skin type"), ordering="fitzpatrick")
    def skin_type(self, obj):
        if not obj.fitzpatrick:
            return "–"
        return gettext("Type %(type)s") % {"type": FITZPATRICK_TYPES[obj.fitzpatrick]}

    @admin.display(description=gettext_lazy("Concerns"))
    def concern_list(self, obj):
        return ", ".join(gettext(CONCERNS[key]) for key in obj.concerns) or "–"

    @admin.display(description=gettext_lazy("Patient"), ordering="name")
    def patient(self, obj):
        if obj.is_erased:
            return gettext("Erased")
        return format_html(
            '{}<br><span class="quiet">{}</span>',
            obj.name or "–",
            obj.email or gettext("no email"),
        )

    @admin.display(description=gettext_lazy("Flags"))
    def flags(self, obj):
        badges = []
        if obj.open_requests:
            badges.append(
                format_html(
                    '<span class="badge contact">{}</span>', gettext("Asks to be contacted")
                )
            )
        if obj.flagged:
            badges.append(
                format_html(
                    '<span class="badge warning">{}</span>', gettext("Health answer: check")
                )
            )
        return format_html_join(" ", "{}", ((badge,) for badge in badges)) or "–"

    @admin.display(description=gettext_lazy("Follow-ups"))
    def followup_state(self, obj):
        followups = list(obj.followups.all())  # prefetched: no query per row
        if not followups:
            return "–"
        return ", ".join(
            f"{FOLLOWUP_KIND_NAMES.get(f.kind, f.kind.capitalize())} "
            f"{f.get_status_display().lower()}"
            for f in followups
        )

    # -- detail ---------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("Patient's results page"))
    def patient_page(self, obj):
        if obj.is_erased:
            return gettext("Erased")
        url = reverse("intake:result", args=[obj.token])
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', url, pgettext("link", "Open")
        )

    @admin.display(description=gettext_lazy("Contact"))
    def contact(self, obj):
        name = obj.name or gettext("no name given")
        email = obj.email or gettext("no email given")
        if obj.followup_opt_in:
            opted = gettext("opted in to follow-up e-mails")
        else:
            opted = gettext("no follow-up e-mails")
        return f"{name} · {email} · {opted}"

    @admin.display(description=gettext_lazy("Consent"))
    def consent(self, obj):
        texts = [text for text in (obj.consent_health, obj.consent_storage) if text is not None]
        given = f"{obj.consent_given_at:%Y-%m-%d %H:%M %Z}"
        return format_html_join(
            "",
            "<p>{}</p>",
            (
                (
                    gettext("“%(text)s” (version %(version)s, given %(given)s)")
                    % {"text": t.text, "version": t.version, "given": given},
                )
                for t in texts
            ),
        )

    @admin.display(description=gettext_lazy("Answers"))
    def answers_in_plain_language(self, obj):
        if obj.is_erased:
            return gettext("Erased")
        return render_to_string(
            "intake/admin/answers.html", {"answers": results.describe_answers(obj), "intake": obj}
        )

    @admin.display(description=gettext_lazy("Recommendation"))
    def recommendation_snapshot(self, obj):
        if obj.is_erased:
            return gettext("Erased")
        return render_to_string("intake/admin/snapshot.html", obj.recommendation)

    @admin.display(description=gettext_lazy("Follow-ups"))
    def followup_list(self, obj):
        return render_to_string("intake/admin/followups.html", {"followups": obj.followups.all()})

    @admin.display(description=gettext_lazy("Changes"))
    def workflow_history(self, obj):
        events = AuditEvent.objects.filter(
            intake=obj, action__in=[AuditEvent.CHANGE, AuditEvent.NOTE, AuditEvent.ERASE]
        ).select_related("user")
        return render_to_string("intake/admin/history.html", {"events": events})

    # -- audit ----------------------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            intake = self.get_object(request, object_id)
            if intake is not None and self.has_view_permission(request, intake):
                record(AuditEvent.VIEW, request.user, intake)
        extra_context = {**(extra_context or {}), "erase_url": self._erase_url(object_id)}
        return super().change_view(request, object_id, form_url, extra_context)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_erased)

    def save_model(self, request, obj, form, change):
        # Under a lock on the row, and only the columns the reviewer changed: a patient's
        # erasure in between is never undone by the other columns read before it.
        locked = Intake.objects.select_for_update().filter(pk=obj.pk, erased_at=None)
        if not list(locked.values_list("pk", flat=True)):
            raise PermissionDenied("This intake was erased meanwhile; it can no longer be changed.")
        changed = list(form.changed_data)
        if "status" in changed:
            obj.closed_at = timezone.now() if obj.status == workflow.CLOSED else None
            changed.append("closed_at")
        obj.save(update_fields=changed)
        changes = []
        if "status" in form.changed_data:
            # The audit log is kept in the source language, whatever the reviewer's.
            with override(None):
                before, after = workflow.label(form.initial["status"]), workflow.label(obj.status)
            changes.append(f"status: {before} → {after}")
            if obj.status in workflow.STOPS_REMINDERS:
                outbox.cancel_reminders(obj)
                obj.contact_requests.filter(handled_at=None).update(handled_at=timezone.now())
        if "assignee" in form.changed_data:
            changes.append(f"assignee: {obj.assignee.get_username() if obj.assignee else 'none'}")
        if changes:
            record(AuditEvent.CHANGE, request.user, obj, "; ".join(changes))

    def save_formset(self, request, form, formset, change):
        notes = formset.save(commit=False)
        for note in notes:
            note.author = request.user
            note.save()
            record(AuditEvent.NOTE, request.user, form.instance, "internal note added")
        formset.save_m2m()

    # -- export and erasure ---------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("export/", view(self.export_filtered), name="intake_intake_export"),
            path("<int:object_id>/erase/", view(self.erase_view), name="intake_intake_erase"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET" and self.has_view_permission(request):
            # The list shows health-derived columns: who looked, and with which filters.
            used = self.declared_filters_used(request)
            record(AuditEvent.LIST, request.user, detail=f"intake list; filters: {used}")
        query = request.GET.urlencode()
        export_url = reverse("admin:intake_intake_export") + (f"?{query}" if query else "")
        extra_context = {
            **(extra_context or {}),
            "export_url": export_url,
            "title": gettext("Intakes"),
        }
        return super().changelist_view(request, extra_context)

    @admin.action(description=gettext_lazy("Export selected intakes as CSV"))
    def export_selected(self, request, queryset):
        return self._export(request, queryset, "selected")

    def export_filtered(self, request):
        """The intakes the list shows with its current filters and search, as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return redirect(reverse("admin:intake_intake_changelist") + "?e=1")
        return self._export(request, changelist.get_queryset(request), "filtered")

    def _export(self, request, queryset, how):
        """Record which intakes leave the system, and for whom, then stream them."""
        ids = queryset.prefetch_related(None).order_by("-submitted_at", "-id")
        ids = list(ids.values_list("pk", flat=True))
        detail = f"CSV export of {len(ids)} intake{'s' if len(ids) != 1 else ''} ({how})"
        user = request.user
        for chunk in export.batched(ids, 1000):
            AuditEvent.objects.bulk_create(
                AuditEvent(action=AuditEvent.EXPORT, user=user, intake_id=pk, detail=detail)
                for pk in chunk
            )
        if not ids:
            record(AuditEvent.EXPORT, user, detail=detail)
        return export.response(ids, export.filename())

    def erase_view(self, request, object_id):
        intake = get_object_or_404(Intake, pk=object_id)
        if not self.has_change_permission(request, intake):
            raise PermissionDenied
        if request.method == "POST" and not intake.is_erased:
            intake.erase()
            record(AuditEvent.ERASE, request.user, intake, "erased on the patient's request")
            messages.success(
                request, gettext("The intake's personal data and health answers were erased.")
            )
            return redirect("admin:intake_intake_change", intake.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Erase this intake's personal data?"),
            "opts": self.opts,
            "original": intake,
        }
        return TemplateResponse(request, "intake/admin/erase_confirm.html", context)

    def _erase_url(self, object_id):
        return reverse("admin:intake_intake_erase", args=[object_id])


@admin.register(ConsentText)
class ConsentTextAdmin(TranslationAdmin):
    """Consent texts are published, never edited: a new wording is a new version, written in
    every language offered, and each intake keeps the exact texts its patient agreed to (and the
    language it read them in)."""

    list_display = ["kind", "version", "published_at", "text"]
    list_filter = ["kind"]
    fields = ["kind", "version", "text"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
