from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "followups"
    verbose_name = "Follow-up emails"

    def ready(self):
        from followups import checks  # noqa: F401  (registers the system checks)
