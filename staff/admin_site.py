"""The admin site: password plus, where set up or required, a TOTP code (django-otp).

With STAFF_REQUIRE_2FA on, every staff account must sign in with a code from an authenticator
app; without it, only accounts that have a confirmed TOTP device must.
"""

from django.conf import settings
from django.contrib import admin
from django_otp import user_has_device
from django_otp.admin import OTPAdminAuthenticationForm


def needs_second_factor(user):
    return settings.STAFF_REQUIRE_2FA or user_has_device(user)


class ClinicAuthenticationForm(OTPAdminAuthenticationForm):
    def clean(self):
        self.cleaned_data = super(OTPAdminAuthenticationForm, self).clean()
        user = self.get_user()
        if user is not None and needs_second_factor(user):
            self.clean_otp(user)
        return self.cleaned_data


class ClinicAdminSite(admin.AdminSite):
    site_header = "Skin resurfacing explorer — clinic staff"
    site_title = "Clinic staff"
    index_title = "Work"
    login_form = ClinicAuthenticationForm
    login_template = "otp/admin111/login.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return request.user.is_verified() or not needs_second_factor(request.user)
