"""Celery tasks. Arguments are ids only: they are stored in the broker and written to logs."""

import logging

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.conf import settings
from kombu.exceptions import OperationalError

from followups import failures, sending

logger = logging.getLogger(__name__)


class OutboxTask(DjangoTask):
    """Publishing happens in the patient's request, after the intake committed: a broker that
    is down must never fail it. The row is the source of truth, and the sweep sends it once
    the broker is back. Celery's settings bound the wait (CELERY_BROKER_CONNECTION_TIMEOUT,
    no publish retries)."""

    def apply_async(self, args=None, kwargs=None, **options):
        try:
            return super().apply_async(args, kwargs, **options)
        except OperationalError as exc:
            logger.warning(
                "Task %s%s not queued (%s); the sweep will do its work",
                self.name,
                tuple(args or ()),
                type(exc).__name__,
            )
            return None


@shared_task(base=OutboxTask, acks_late=True, ignore_result=True)
def send_followup(followup_id):
    """Send one follow-up now; does nothing when it is not due, already sent or taken."""
    return sending.send(followup_id)


@shared_task(acks_late=True, ignore_result=True)
def send_due_followups():
    """The periodic sweep (Celery beat): every due follow-up, whether or not a task was queued,
    for at most FOLLOWUP_SWEEP_BUDGET_SECONDS (the next sweep goes on with the rest)."""
    outcomes = sending.sweep(budget=settings.FOLLOWUP_SWEEP_BUDGET_SECONDS)
    if outcomes:
        logger.info("Follow-up sweep: %s", dict(outcomes))
    return dict(outcomes)


@shared_task(acks_late=True, ignore_result=True)
def notify_staff_of_failures():
    """Daily (Celery beat): tell CLINIC_STAFF_EMAIL how many follow-ups failed since the last
    notice, if any did."""
    return failures.notify_staff()
