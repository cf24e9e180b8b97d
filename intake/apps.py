from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = gettext_lazy("Patient intakes")

    def ready(self):
        from intake import signals  # noqa: F401  (a newly published consent text is used at once)
