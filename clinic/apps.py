from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "The clinic"

    def ready(self):
        from clinic import signals  # noqa: F401  (a saved profile is used at once)
