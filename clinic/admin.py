from django.contrib import admin
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from clinic.logo import reencoded
from clinic.models import Clinic


@admin.register(Clinic)
class ClinicAdmin(SimpleHistoryAdmin):
    """The one clinic profile: administrators edit it, its History keeps every version."""

    object_history_list_template = "admin/history_list.html"
    # An address typed without a scheme (the website, the booking page) is an https one.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    fieldsets = [
        (None, {"fields": ["name", "logo", "is_example"]}),
        (
            _("How patients reach you"),
            {"fields": ["address", "phone", "email", "website", "booking_url", "opening_hours"]},
        ),
        (_("Fees"), {"fields": ["currency", "locale"]}),
        (
            _("Responsibility"),
            {
                "fields": [
                    "medical_director",
                    "medical_director_credentials",
                    "data_protection_contact",
                    "staff_email",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        return not Clinic.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        clinic = Clinic.objects.first()
        if clinic is None:
            return redirect(reverse("admin:clinic_clinic_add"))
        return redirect(reverse("admin:clinic_clinic_change", args=[clinic.pk]))

    def save_model(self, request, obj, form, change):
        if "logo" in form.changed_data and obj.logo:
            obj.logo = reencoded(form.cleaned_data["logo"])
        super().save_model(request, obj, form, change)
