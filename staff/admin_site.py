"""The admin site: password plus, where set up or required, a TOTP code (django-otp).

With STAFF_REQUIRE_2FA on, every staff account must sign in with a code from an authenticator
app; without it, only accounts that have a confirmed TOTP device must. Staff set their
authenticator up themselves at /admin/two-factor/ (staff/two_factor.py); an account without one
cannot sign in once it is required, so a superuser then adds it under Django OTP → TOTP devices.
"""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext, gettext_lazy
from django_otp import devices_for_user, user_has_device
from django_otp.admin import OTPAdminAuthenticationForm

from clinic.profile import current_clinic
from common.untranslated import untranslated
from staff import two_factor


def needs_second_factor(user):
    return settings.STAFF_REQUIRE_2FA or user_has_device(user)


class ClinicAuthenticationForm(OTPAdminAuthenticationForm):
    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": gettext_lazy("Enter the code from your authenticator app."),
        "invalid_token": gettext_lazy(
            "That code is not right. Enter the code your authenticator app shows now."
        ),
        "device_required": gettext_lazy("Choose the authenticator the code comes from."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["otp_token"].widget.attrs.update(
            autocomplete="one-time-code", inputmode="numeric"
        )

    def clean(self):
        # The password first (AdminAuthenticationForm, through django-axes), then the code.
        self.cleaned_data = super(OTPAdminAuthenticationForm, self).clean()
        user = self.get_user()
        if user is not None and needs_second_factor(user):
            self.clean_otp(user)
        return self.cleaned_data

    def _chosen_device(self, user):
        """The device chosen in the form; an account's only device needs no choosing.

        An unconfirmed device (set up but never checked against the app) does not count.
        """
        device = super()._chosen_device(user)
        if device is not None and not device.confirmed:
            return None
        if device is None and not self.cleaned_data.get("otp_device"):
            devices = list(devices_for_user(user, for_verify=True))  # confirmed ones
            if len(devices) == 1:
                return devices[0]
        return device


class ClinicAdminSite(admin.AdminSite):
    site_title = gettext_lazy("Clinic staff")
    index_title = gettext_lazy("Work")
    login_form = ClinicAuthenticationForm
    login_template = "staff/login.html"

    def each_context(self, request):
        header = gettext("%(clinic)s — clinic staff") % {"clinic": current_clinic()}
        return {**super().each_context(request), "site_header": header}

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return request.user.is_verified() or not needs_second_factor(request.user)

    def login(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "require_2fa": settings.STAFF_REQUIRE_2FA}
        return super().login(request, extra_context)

    def get_urls(self):
        return [
            path("two-factor/", self.admin_view(self.two_factor_setup), name="two_factor_setup"),
            path(
                "two-factor/qrcode.svg",
                self.admin_view(two_factor.qrcode),
                name="two_factor_qrcode",
            ),
            path(
                "missing-translations/",
                self.admin_view(self.missing_translations),
                name="missing_translations",
            ),
            *super().get_urls(),
        ]

    def two_factor_setup(self, request):
        return two_factor.setup(request, self)

    def missing_translations(self, request):
        """The content still shown in English to patients reading another language."""
        if not request.user.has_perm("treatments.change_treatment"):
            raise PermissionDenied
        report = [
            (language, [(row, field, edit_url(row)) for row, field in missing])
            for language, missing in untranslated()
        ]
        context = {
            **self.each_context(request),
            "title": gettext("Missing translations"),
            "report": report,
        }
        return TemplateResponse(request, "staff/missing_translations.html", context)


def edit_url(row):
    """The admin page the row is edited on: its treatment's for efficacy, skin-type and
    health-screen rows (edited there, in every language), else its own."""
    for obj in (getattr(row, "treatment", None), row):
        if obj is None:
            continue
        options = obj._meta
        try:
            return reverse(f"admin:{options.app_label}_{options.model_name}_change", args=[obj.pk])
        except NoReverseMatch:
            continue
    return ""
