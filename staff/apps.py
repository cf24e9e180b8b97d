from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = "Staff access and audit"

    def ready(self):
        from staff import signals  # noqa: F401  (connects the login-time receiver)


class ClinicAdminConfig(admin_apps.AdminConfig):
    """Django's admin, served by the site that enforces two-factor sign-in."""

    default = False  # "staff" in INSTALLED_APPS means StaffConfig
    default_site = "staff.admin_site.ClinicAdminSite"
