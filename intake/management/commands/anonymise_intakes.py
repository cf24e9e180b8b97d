from django.core.management.base import BaseCommand

from intake import retention


class Command(BaseCommand):
    help = (
        "Anonymise intakes past their retention period (INTAKE_RETENTION_DAYS, or "
        "CLOSED_INTAKE_RETENTION_DAYS for closed ones). Celery beat runs this daily."
    )

    def handle(self, *args, **options):
        count = retention.anonymise_expired()
        self.stdout.write(f"Anonymised {count} intake{'s' if count != 1 else ''}.")
