"""Sending follow-ups exactly once: claim the row, check it is still wanted, send, mark sent.

Every path that sends — the task queued on commit, the periodic sweep, the management command —
goes through `send()`, and `claim()` lets only one of them have a row at a time: a conditional
UPDATE that succeeds for a single caller. A claim whose worker died is taken again after
FOLLOWUP_CLAIM_LEASE seconds. A failed send goes back to pending with a later `due_at`, so the
sweep retries it: no retry waits in the broker.
"""

import logging
import re
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from followups import emails
from followups.models import FollowUp

logger = logging.getLogger(__name__)

# Outcomes of send(); None when the follow-up was not claimed (not due, done, or taken).
SENT, RETRY, FAILED, CANCELLED = "sent", "retry", "failed", "cancelled"

# How many follow-ups one sweep handles at most; the next sweep takes the rest. Even with every
# send hitting EMAIL_TIMEOUT a sweep stays far below Redis's visibility timeout.
SWEEP_BATCH = 50


def _claimable(now):
    abandoned_before = now - timedelta(seconds=settings.FOLLOWUP_CLAIM_LEASE)
    return Q(status=FollowUp.PENDING, due_at__lte=now) | Q(
        status=FollowUp.SENDING, claimed_at__lt=abandoned_before
    )


def claim(followup_id):
    """Take the follow-up for sending if it is due and nobody else holds it; else None."""
    now = timezone.now()
    taken = FollowUp.objects.filter(_claimable(now), id=followup_id).update(
        status=FollowUp.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not taken:
        return None
    return FollowUp.objects.select_related("intake").get(id=followup_id)


def _finish(followup, **changes):
    """Record the outcome, unless the claim was lost meanwhile (then another holder records it).

    `attempts` identifies the claim: every claim raises it.
    """
    return FollowUp.objects.filter(
        id=followup.id, status=FollowUp.SENDING, attempts=followup.attempts
    ).update(**changes)


def still_wanted(followup):
    """Whether the patient should still get this e-mail (checked just before sending)."""
    intake = followup.intake
    return not intake.is_erased and intake.followup_opt_in and bool(intake.email)


def error_text(exc, followup):
    """The error for staff, without the patient's address (SMTP errors often quote it)."""
    text = f"{type(exc).__name__}: {exc}"
    if followup.intake.email:
        text = re.sub(re.escape(followup.intake.email), "<recipient>", text, flags=re.IGNORECASE)
    return text[:2000]


def send(followup_id):
    """Send one follow-up if it is due and unclaimed. Returns the outcome or None."""
    followup = claim(followup_id)
    if followup is None:
        return None
    if not still_wanted(followup):
        _finish(followup, status=FollowUp.CANCELLED)
        logger.info("Follow-up %s cancelled: no longer wanted", followup.id)
        return CANCELLED
    if followup.attempts > settings.FOLLOWUP_MAX_ATTEMPTS:
        # Only a claim that was never completed gets here: its worker stopped mid-send.
        _finish(
            followup,
            status=FollowUp.FAILED,
            last_error=f"Given up after {followup.attempts - 1} attempts; the last one never "
            "completed (its worker stopped).",
        )
        logger.error("Follow-up %s failed: its last attempt never completed", followup.id)
        return FAILED
    try:
        emails.build_message(followup).send()
    except Exception as exc:
        return _failed(followup, exc)
    # The window where a duplicate is possible: accepted by the mail server, not yet marked.
    if not _finish(followup, status=FollowUp.SENT, sent_at=timezone.now(), last_error=""):
        # Sending outlasted the lease and another worker claimed it: it may go out twice.
        logger.warning("Follow-up %s sent after its claim expired", followup.id)
    logger.info("Follow-up %s sent", followup.id)
    return SENT


def _failed(followup, exc):
    error = error_text(exc, followup)
    # No personal data in logs: the id and the kind of error only.
    if followup.attempts < settings.FOLLOWUP_MAX_ATTEMPTS:
        delay = settings.FOLLOWUP_RETRY_BACKOFF * 2 ** (followup.attempts - 1)
        _finish(
            followup,
            status=FollowUp.PENDING,
            due_at=timezone.now() + timedelta(seconds=delay),
            claimed_at=None,
            last_error=error,
        )
        logger.warning(
            "Follow-up %s not sent (attempt %s, %s); retrying in %s s",
            followup.id,
            followup.attempts,
            type(exc).__name__,
            delay,
        )
        return RETRY
    _finish(followup, status=FollowUp.FAILED, last_error=error)
    logger.error(
        "Follow-up %s failed after %s attempts (%s)",
        followup.id,
        followup.attempts,
        type(exc).__name__,
    )
    return FAILED


def due_followup_ids(limit=SWEEP_BATCH):
    """Follow-ups a sweep should try: due and pending, or claimed by a worker that died."""
    ids = FollowUp.objects.filter(_claimable(timezone.now())).order_by("due_at", "id")
    ids = ids.values_list("id", flat=True)
    return list(ids if limit is None else ids[:limit])


def sweep(limit=SWEEP_BATCH):
    """Send every due follow-up (at most `limit`); returns how many ended in each outcome."""
    outcomes = Counter()
    for followup_id in due_followup_ids(limit):
        outcome = send(followup_id)
        if outcome:
            outcomes[outcome] += 1
    return outcomes
