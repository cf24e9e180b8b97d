from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "Patient intakes"

    def ready(self):
        from intake import signals  # noqa: F401  (a newly published consent text is used at once)
