"""Sending follow-ups exactly once: claim the row, check it is still wanted, send, mark sent.

Every path that sends — the task queued on commit, the periodic sweep, the management command —
goes through `send()`, and `claim()` lets only one of them have a row at a time: a conditional
UPDATE that succeeds for a single caller and gives the claim a random token; only the holder of
that token can record the outcome. Leases are judged by the database's clock, never a worker's:
a claim older than FOLLOWUP_CLAIM_LEASE was abandoned by its worker and is taken again.

A temporary failure (an SMTP 4xx reply, a refused or dropped connection, a timeout) goes back
to pending with a later `due_at`, doubling from FOLLOWUP_RETRY_BACKOFF up to
FOLLOWUP_RETRY_MAX_DELAY, for FOLLOWUP_RETRY_FOR seconds from the first attempt; the sweep
retries it, so no retry waits in the broker. A permanent refusal (SMTP 5xx) is failed at once
(followups/failures.py tells them apart and tells staff).
"""

import logging
import secrets
import time
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import InterfaceError, OperationalError
from django.db import connection as database
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone, translation

from followups import emails, failures
from followups.models import DatabaseNow, DatabaseNowRoundedUp, FollowUp

logger = logging.getLogger(__name__)

# Outcomes of send(); None when the follow-up was not claimed (not due, done, or taken).
SENT, RETRY, FAILED, CANCELLED = "sent", "retry", "failed", "cancelled"

# How many due follow-ups a sweep reads at a time; it reads again until none is left or its
# time budget (FOLLOWUP_SWEEP_BUDGET_SECONDS) is spent.
SWEEP_BATCH = 50
# A sweep sends through one SMTP connection, opened again after this many messages (servers
# limit messages per connection).
MESSAGES_PER_CONNECTION = 100
# Pauses, in seconds, between tries of marking a sent follow-up sent when the database fails.
MARK_SENT_PAUSES = (0.2, 0.5, 1, 2)
# What a sweep measures its budget with.
clock = time.monotonic


def _claimable():
    now = DatabaseNowRoundedUp()
    abandoned_before = now - timedelta(seconds=settings.FOLLOWUP_CLAIM_LEASE)
    return Q(status=FollowUp.PENDING, due_at__lte=now) | Q(
        status=FollowUp.SENDING, claimed_at__lt=abandoned_before
    )


def claim(followup_id):
    """Take the follow-up for sending if it is due and nobody else holds it; else None."""
    token = secrets.token_hex(16)
    taken = FollowUp.objects.filter(_claimable(), id=followup_id).update(
        status=FollowUp.SENDING,
        claimed_at=DatabaseNow(),
        claim_token=token,
        attempts=F("attempts") + 1,
        first_attempt_at=Coalesce(F("first_attempt_at"), DatabaseNow()),
    )
    if not taken:
        return None
    mine = FollowUp.objects.select_related("intake").filter(id=followup_id, claim_token=token)
    return mine.first()


def _holding(followup):
    """The row, as long as `followup`'s claim is still the current one."""
    return FollowUp.objects.filter(
        id=followup.id, status=FollowUp.SENDING, claim_token=followup.claim_token
    )


def _finish(followup, **changes):
    """Record the outcome, unless the claim was lost meanwhile (then another holder records it)."""
    return _holding(followup).update(**changes)


def still_wanted(followup):
    """Whether the patient should still get this e-mail (checked just before sending)."""
    intake = followup.intake
    return not intake.is_erased and intake.followup_opt_in and bool(intake.email)


def error_text(exc, followup):
    """The error for staff, without the patient's address (SMTP errors often quote it)."""
    return failures.error_text(exc, followup.intake.email)


def retry_delay(attempts):
    """Seconds before the next try after `attempts` attempts: doubling, capped."""
    doubling = settings.FOLLOWUP_RETRY_BACKOFF * 2 ** min(max(attempts - 1, 0), 32)
    return min(doubling, settings.FOLLOWUP_RETRY_MAX_DELAY)


def send(followup_id, connection=None):
    """Send one follow-up if it is due and unclaimed. Returns the outcome or None.

    `connection`: an open e-mail backend to send through (the sweep shares one); by default
    the message opens its own.
    """
    followup = claim(followup_id)
    if followup is None:
        return None
    if not still_wanted(followup):
        _finish(followup, status=FollowUp.CANCELLED)
        logger.info("Follow-up %s cancelled: no longer wanted", followup.id)
        return CANCELLED
    if followup.attempts > settings.FOLLOWUP_MAX_ATTEMPTS:
        # Only a claim that was never completed gets here: its worker stopped mid-send.
        _give_up(
            followup,
            f"Given up after {followup.attempts - 1} attempts; the last one never completed "
            "(its worker stopped).",
        )
        logger.error("Follow-up %s failed: its last attempt never completed", followup.id)
        return FAILED
    try:
        # In the language the patient answered in (the intake keeps it).
        with translation.override(followup.intake.language):
            message = emails.build_message(followup)
        if connection is not None:
            message.connection = connection
            connection.open()
        message.send()
    except Exception as exc:
        if connection is not None:
            _close_quietly(connection)  # the next message starts on a fresh connection
        return _failed(followup, exc)
    # The window where a duplicate is possible: accepted by the mail server, not yet marked.
    if _mark_sent(followup) == 0:
        # Sending outlasted the lease and another worker claimed it: it may go out twice.
        logger.warning("Follow-up %s sent after its claim expired", followup.id)
    logger.info("Follow-up %s sent", followup.id)
    return SENT


def _mark_sent(followup):
    """Record that the mail server took the e-mail: 1, or 0 when the claim was lost.

    A transient database error (a restart, a failover) is retried after MARK_SENT_PAUSES; the
    e-mail itself is never sent again for it. Past them the row stays claimed, so after the
    lease it may be sent again: that is logged as an error, and None returned.
    """
    for pause in (*MARK_SENT_PAUSES, None):
        try:
            return _finish(followup, status=FollowUp.SENT, sent_at=timezone.now(), last_error="")
        except (OperationalError, InterfaceError) as exc:
            if pause is None:
                logger.error(
                    "Follow-up %s sent, but marking it sent failed %s times (%s); it may be "
                    "sent again after its lease",
                    followup.id,
                    len(MARK_SENT_PAUSES) + 1,
                    type(exc).__name__,
                )
                return None
            logger.warning(
                "Follow-up %s sent, but marking it sent failed (%s); trying again in %s s",
                followup.id,
                type(exc).__name__,
                pause,
            )
            time.sleep(pause)
            _drop_broken_database_connection()
    return None  # not reached


def _drop_broken_database_connection():
    """Let the next query reconnect when the database connection broke (outside a transaction:
    inside one, the caller's transaction decides)."""
    if not database.in_atomic_block:
        database.close_if_unusable_or_obsolete()


def _give_up(followup, error):
    return _finish(
        followup,
        status=FollowUp.FAILED,
        failed_at=DatabaseNow(),
        staff_notified_at=None,
        last_error=error,
    )


def _failed(followup, exc):
    error = error_text(exc, followup)
    # No personal data in logs: the id and the kind of error only.
    reason = type(exc).__name__
    if failures.is_permanent(exc):
        if not _give_up(followup, error):
            return None
        logger.error("Follow-up %s refused for good (%s); not retried", followup.id, reason)
        return FAILED
    if followup.attempts < settings.FOLLOWUP_MAX_ATTEMPTS:
        delay = retry_delay(followup.attempts)
        cutoff = DatabaseNowRoundedUp() - timedelta(seconds=settings.FOLLOWUP_RETRY_FOR)
        within_window = Q(first_attempt_at__gt=cutoff)
        retried = (
            _holding(followup)
            .filter(within_window)
            .update(
                status=FollowUp.PENDING,
                due_at=DatabaseNow() + timedelta(seconds=delay),
                claimed_at=None,
                last_error=error,
            )
        )
        if retried:
            logger.warning(
                "Follow-up %s not sent (attempt %s, %s); retrying in %s s",
                followup.id,
                followup.attempts,
                reason,
                delay,
            )
            return RETRY
    if not _give_up(followup, error):
        return None
    logger.error(
        "Follow-up %s failed after %s attempts (%s)", followup.id, followup.attempts, reason
    )
    return FAILED


def _close_quietly(backend):
    try:
        backend.close()
    except Exception as exc:  # a connection that broke cannot even say goodbye
        logger.debug("Closing the mail connection failed (%s)", type(exc).__name__)
        backend.connection = None


@contextmanager
def _mail_connections():
    """For a sweep: a function giving the connection for the next message.

    With SMTP, one connection for many messages (opened again every MESSAGES_PER_CONNECTION
    and after an error); other backends get None, so each message opens its own (the file
    backend writes one file per message).
    """
    backend = get_connection()
    if not isinstance(backend, SMTPBackend):
        yield lambda: None
        return
    used = 0

    def next_connection():
        nonlocal used
        if used >= MESSAGES_PER_CONNECTION:
            _close_quietly(backend)
            used = 0
        used += 1
        return backend

    try:
        yield next_connection
    finally:
        _close_quietly(backend)


def due_followup_ids(limit=SWEEP_BATCH):
    """Follow-ups a sweep should try: due and pending, or claimed by a worker that died."""
    ids = FollowUp.objects.filter(_claimable()).order_by("due_at", "id")
    ids = ids.values_list("id", flat=True)
    return list(ids if limit is None else ids[:limit])


def sweep(limit=None, budget=None):
    """Send due follow-ups until none is due, `limit` were tried or `budget` seconds are spent;
    returns how many ended in each outcome.

    Each follow-up is tried at most once per sweep (one retried and due again waits for the
    next). The budget is checked before each claim, so a sweep ends at most one send after it.
    """
    deadline = None if budget is None else clock() + budget
    outcomes = Counter()
    tried = set()
    with _mail_connections() as connection_for_next:
        while limit is None or len(tried) < limit:
            batch = [i for i in due_followup_ids(SWEEP_BATCH) if i not in tried]
            if not batch:
                break
            for followup_id in batch:
                if limit is not None and len(tried) >= limit:
                    break
                if deadline is not None and clock() >= deadline:
                    return outcomes
                tried.add(followup_id)
                outcome = send(followup_id, connection=connection_for_next())
                if outcome:
                    outcomes[outcome] += 1
    return outcomes
