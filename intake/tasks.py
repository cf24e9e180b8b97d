from celery import shared_task
from django.core.management import call_command

from intake import retention


@shared_task
def anonymise_expired_intakes():
    return retention.anonymise_expired()


@shared_task
def clear_expired_sessions():
    # Abandoned questionnaire drafts live in sessions; expired ones hold health data.
    call_command("clearsessions")
