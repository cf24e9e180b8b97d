"""Celery tasks. Arguments are ids only: they are stored in the broker and written to logs."""

import contextlib
import logging
import os
import threading
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

# A new broker connection costs a publish 6-8 ms of CPU (connect, declare the queue), a kept one
# under 1 ms. Kept per thread, since a kombu connection is not thread-safe. Opened on the first
# publish, never at import, and forgotten in a forked child: a process that forks after
# publishing (gunicorn with --preload, Celery's prefork pool) must not share its socket.
_kept = threading.local()


def forget_connections():
    """Every thread opens a new connection on its next publish (e.g. to a new broker address).

    The old ones are not closed here: in a forked child they are the parent's sockets too.
    """
    global _kept
    _kept = threading.local()


os.register_at_fork(after_in_child=forget_connections)


def publish(followup_id):
    """Queue the send task; a broker that is down must never fail the patient's request."""
    try:
        connection = getattr(_kept, "connection", None)
        if connection is None:
            connection = send_followup.app.connection_for_write(transport_options=FAIL_FAST)
            _kept.connection = connection
        send_followup.apply_async((followup_id,), retry=False, connection=connection)
    except Exception as exc:
        # Whatever state the error left the connection in (a broker restart, a message half
        # written), the next publish starts on a new one.
        _drop_connection()
        # The row is the source of truth: the sweep sends it once the broker is back.
        logger.warning(
            "Follow-up %s not queued (%s); the sweep will send it", followup_id, type(exc).__name__
        )


def _drop_connection():
    connection = getattr(_kept, "connection", None)
    _kept.connection = None
    if connection is not None:
        with contextlib.suppress(Exception):  # closing a broken connection may fail too
            connection.release()


def queue_due_on_commit(followups):
    """After the current transaction commits, queue the follow-ups that are due already."""
    now = timezone.now()
    for followup in followups:
        if followup.due_at <= now:
            transaction.on_commit(partial(publish, followup.id), robust=True)
