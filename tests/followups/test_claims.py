"""Claims: each claim has its own random token, and only its holder records the outcome; leases
and retries are judged by the database's clock, not a worker's; a sent e-mail is marked sent
through a passing database error, and never sent again because of one."""

import logging
import smtplib
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from followups import sending
from followups.models import DatabaseNow, FollowUp
from tests.factories import make_intake

pytestmark = pytest.mark.django_db


class RefusingBackend:
    """Every message is refused for good."""

    def __init__(self, fail_silently=False, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"5.1.1 no such user")})


class TryLaterBackend(RefusingBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPDataError(451, b"4.3.0 try later")


@pytest.fixture(autouse=True)
def lease(settings):
    settings.FOLLOWUP_CLAIM_LEASE = 300
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def summary_of(**changes):
    return make_intake(**changes).followups.get(kind=FollowUp.SUMMARY)


def reload(row):
    row.refresh_from_db()
    return row


def abandon(row, seconds=301):
    """The claim's worker died `seconds` ago, by the database's clock."""
    FollowUp.objects.filter(pk=row.pk).update(claimed_at=DatabaseNow() - timedelta(seconds=seconds))


def worker_clock_off_by(monkeypatch, offset):
    """This worker's clock is wrong by `offset`; the database's is right."""
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + offset)


def true_now():
    return datetime.now(UTC)


# --- Claim tokens ------------------------------------------------------------------------------


def test_each_claim_has_its_own_random_token():
    summary = summary_of()
    first = sending.claim(summary.id)
    abandon(summary)
    second = sending.claim(summary.id)
    assert len(first.claim_token) == len(second.claim_token) == 32
    assert first.claim_token != second.claim_token


def test_a_stale_claim_cannot_finish_a_new_claim_after_send_again(admin_client, settings):
    summary = summary_of()
    stale = sending.claim(summary.id)  # a worker takes it and hangs
    abandon(summary)
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    assert sending.send(summary.id) == sending.FAILED  # another worker takes it over; refused
    admin_client.post(
        "/admin/followups/followup/", {"action": "send_again", "_selected_action": [summary.pk]}
    )
    fresh = sending.claim(summary.id)  # the next claim, with attempts counted from 0 again
    assert fresh.attempts == stale.attempts
    assert sending._finish(stale, status=FollowUp.SENT) == 0
    assert reload(summary).status == FollowUp.SENDING
    assert sending._finish(fresh, status=FollowUp.SENT) == 1


def test_a_worker_whose_claim_was_taken_over_cannot_record_a_retry(settings):
    summary = summary_of()
    stale = sending.claim(summary.id)
    abandon(summary)
    fresh = sending.claim(summary.id)
    assert sending._failed(stale, smtplib.SMTPDataError(451, b"later")) is None
    assert reload(summary).claim_token == fresh.claim_token
    assert reload(summary).status == FollowUp.SENDING


# --- The database's clock ----------------------------------------------------------------------


def test_a_worker_whose_clock_runs_fast_does_not_take_a_claim_within_its_lease(
    monkeypatch, mailoutbox
):
    summary = summary_of()
    assert sending.claim(summary.id) is not None  # a worker with a right clock holds it
    worker_clock_off_by(monkeypatch, timedelta(minutes=10))
    assert sending.due_followup_ids() == []
    assert sending.send(summary.id) is None
    assert mailoutbox == []


def test_a_worker_whose_clock_runs_slow_still_takes_an_abandoned_claim(monkeypatch, mailoutbox):
    summary = summary_of()
    sending.claim(summary.id)
    abandon(summary)
    worker_clock_off_by(monkeypatch, -timedelta(minutes=10))
    assert sending.due_followup_ids() == [summary.id]
    assert sending.send(summary.id) == sending.SENT


def test_a_claim_is_stamped_with_the_databases_time(monkeypatch):
    summary = summary_of()
    worker_clock_off_by(monkeypatch, timedelta(days=1))
    before = true_now()
    claimed = sending.claim(summary.id)
    assert before - timedelta(seconds=5) < claimed.claimed_at < true_now() + timedelta(seconds=5)


def test_a_retry_is_scheduled_by_the_databases_clock(monkeypatch, settings):
    settings.EMAIL_BACKEND = f"{__name__}.TryLaterBackend"
    settings.FOLLOWUP_RETRY_BACKOFF = 60
    summary = summary_of()
    worker_clock_off_by(monkeypatch, timedelta(days=1))
    assert sending.send(summary.id) == sending.RETRY
    delay = reload(summary).due_at - true_now()
    assert timedelta(seconds=50) < delay <= timedelta(seconds=60)


# --- Marking an e-mail sent --------------------------------------------------------------------


@pytest.fixture
def database_fails_on_marking_sent(monkeypatch):
    """database_fails_on_marking_sent(times): marking a follow-up sent raises that many times
    (None: always). Returns the pauses slept between tries."""
    real_finish, slept = sending._finish, []
    monkeypatch.setattr(time, "sleep", slept.append)

    def fail(times, error=OperationalError):
        left = [times]

        def finish(followup, **changes):
            if changes.get("status") == FollowUp.SENT and (left[0] is None or left[0] > 0):
                if left[0] is not None:
                    left[0] -= 1
                raise error("server closed the connection unexpectedly")
            return real_finish(followup, **changes)

        monkeypatch.setattr(sending, "_finish", finish)
        return slept

    return fail


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_marking_an_email_sent_is_retried_after_a_transient_database_error(
    database_fails_on_marking_sent, mailoutbox, error
):
    summary = summary_of()
    slept = database_fails_on_marking_sent(2, error)
    assert sending.send(summary.id) == sending.SENT
    assert reload(summary).status == FollowUp.SENT
    assert len(mailoutbox) == 1
    assert slept == [0.2, 0.5]  # a short pause before each new try


def test_a_database_that_stays_down_after_sending_never_makes_the_email_go_twice(
    database_fails_on_marking_sent, mailoutbox, caplog
):
    summary = summary_of()
    slept = database_fails_on_marking_sent(None)
    with caplog.at_level(logging.WARNING, logger="followups.sending"):
        assert sending.send(summary.id) == sending.SENT
    assert len(slept) == len(sending.MARK_SENT_PAUSES)
    assert len(mailoutbox) == 1
    [given_up] = [r for r in caplog.records if r.levelname == "ERROR"]
    assert given_up.getMessage().startswith(f"Follow-up {summary.id} sent, but marking it sent")
    assert reload(summary).status == FollowUp.SENDING  # still claimed: within the lease...
    assert sending.sweep() == {}  # ...nobody sends it again
    assert len(mailoutbox) == 1
