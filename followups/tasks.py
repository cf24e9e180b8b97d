"""Celery tasks. Arguments are ids only: they are stored in the broker and written to logs."""

import logging
from functools import partial

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from followups import sending

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, ignore_result=True)
def send_followup(followup_id):
    """Send one follow-up now; does nothing when it is not due, already sent or taken."""
    return sending.send(followup_id)


@shared_task(acks_late=True, ignore_result=True)
def send_due_followups():
    """The periodic sweep (Celery beat): every due follow-up, whether or not a task was queued."""
    outcomes = sending.sweep()
    if outcomes:
        logger.info("Follow-up sweep: %s", dict(outcomes))
    return dict(outcomes)


# Publishing happens in the patient's request: fail fast instead of kombu's default of retrying
# the connection for seconds, and never wait minutes on a broker that does not answer.
FAIL_FAST = {"max_retries": 0, "socket_connect_timeout": 2, "socket_timeout": 2}


def publish(followup_id):
    """Queue the send task; a broker that is down must never fail the patient's request."""
    try:
        with send_followup.app.connection_for_write(transport_options=FAIL_FAST) as connection:
            send_followup.apply_async((followup_id,), retry=False, connection=connection)
    except Exception as exc:
        # The row is the source of truth: the sweep sends it once the broker is back.
        logger.warning(
            "Follow-up %s not queued (%s); the sweep will send it", followup_id, type(exc).__name__
        )


def queue_due_on_commit(followups):
    """After the current transaction commits, queue the follow-ups that are due already."""
    now = timezone.now()
    for followup in followups:
        if followup.due_at <= now:
            transaction.on_commit(partial(publish, followup.id), robust=True)
