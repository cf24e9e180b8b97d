from celery import shared_task
from django.core.management import call_command

from intake import contact, retention


@shared_task
def anonymise_expired_intakes():
    return retention.anonymise_expired()


@shared_task
def clear_expired_sessions():
    # Abandoned questionnaire drafts live in sessions; expired ones hold health data.
    call_command("clearsessions")


@shared_task(acks_late=True, ignore_result=True)
def send_contact_request_emails(request_id):
    """Arguments are ids only: they are stored in the broker and written to logs."""
    return contact.send_emails(request_id)
