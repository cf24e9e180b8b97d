from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = _("The clinic")

    def ready(self):
        from clinic import signals  # noqa: F401  (a saved profile is used at once)
