from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp import apps as totp_apps


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = gettext_lazy("Staff access and audit")

    def ready(self):
        from staff import signals  # noqa: F401  (connects the login-time receiver)


class ClinicAdminConfig(admin_apps.AdminConfig):
    """Django's admin, served by the site that enforces two-factor sign-in."""

    default = False  # "staff" in INSTALLED_APPS means StaffConfig
    default_site = "staff.admin_site.ClinicAdminSite"


# Third-party apps under the names staff know them by on the admin's home page; their labels
# (app_label, permissions, tables) stay theirs. The modules are imported, not the classes:
# a config class in this module counts as a candidate for "staff"'s default one.


class LoginLockoutsConfig(axes_apps.AppConfig):
    """django-axes: failed sign-ins and the lockouts they cause."""

    default = False
    verbose_name = gettext_lazy("Login lockouts")


class TwoFactorDevicesConfig(totp_apps.DefaultConfig):
    """django-otp's authenticator-app devices of the staff's accounts."""

    default = False
    verbose_name = gettext_lazy("Two-factor devices")
