from django.core.management.base import BaseCommand

from followups import sending


class Command(BaseCommand):
    help = (
        "Send every due follow-up e-mail now, as the periodic sweep does (safe to run while "
        "workers run: each follow-up is claimed before it is sent)."
    )

    def handle(self, *args, **options):
        outcomes = sending.sweep(limit=None)
        self.stdout.write(
            f"Follow-ups sent: {outcomes[sending.SENT]}, to retry: {outcomes[sending.RETRY]}, "
            f"failed: {outcomes[sending.FAILED]}, cancelled: {outcomes[sending.CANCELLED]}."
        )
