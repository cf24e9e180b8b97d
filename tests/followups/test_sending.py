"""Exactly once: a follow-up is claimed before it is sent, and only one claim can win."""

from datetime import timedelta

import pytest
from django.utils import timezone

from followups import outbox, sending, tasks
from followups.models import FollowUp
from tests.factories import followup_of, make_due, make_intake

pytestmark = pytest.mark.django_db

REFUSING = "tests.followups.mailbackends.RefusingBackend"


def reload(row):
    row.refresh_from_db()
    return row


def test_a_due_followup_is_sent_and_marked_sent_with_the_time(mailoutbox):
    summary = followup_of(make_intake())
    before = timezone.now()
    assert sending.send(summary.id) == sending.SENT
    assert len(mailoutbox) == 1
    summary = reload(summary)
    assert summary.status == FollowUp.SENT
    assert before <= summary.sent_at <= timezone.now()
    assert summary.attempts == 1


def test_a_followup_delivered_twice_is_sent_once(mailoutbox):
    summary = followup_of(make_intake())
    tasks.send_followup.delay(summary.id)
    tasks.send_followup.delay(summary.id)
    assert len(mailoutbox) == 1


def test_the_sweep_racing_a_queued_task_sends_once(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        make_intake()
    tasks.send_due_followups.delay()  # the sweep comes first...
    for callback in queued:
        callback()  # ...then the task queued on commit is delivered
    assert len(mailoutbox) == 1


def test_a_followup_claimed_by_another_worker_is_not_sent(mailoutbox):
    summary = followup_of(make_intake())
    assert sending.claim(summary.id) is not None  # another worker holds it
    assert sending.send(summary.id) is None
    assert sending.sweep() == {}
    assert mailoutbox == []


def test_a_followup_not_yet_due_is_not_sent(mailoutbox):
    reminder = followup_of(make_intake(), "reminder")
    assert sending.send(reminder.id) is None
    assert sending.sweep() == {"sent": 1}  # the summary only
    assert reload(reminder).status == FollowUp.PENDING
    assert len(mailoutbox) == 1


def test_a_reminder_is_sent_once_it_is_due(mailoutbox):
    reminder = followup_of(make_intake(), "reminder")
    make_due(reminder)
    assert sending.send(reminder.id) == sending.SENT
    assert "reminder" in mailoutbox[0].subject


def test_an_abandoned_claim_is_taken_again_after_the_lease(mailoutbox, settings):
    settings.FOLLOWUP_CLAIM_LEASE = 300
    summary = followup_of(make_intake())
    sending.claim(summary.id)  # the worker dies here
    FollowUp.objects.filter(pk=summary.pk).update(
        claimed_at=timezone.now() - timedelta(seconds=301)
    )
    assert sending.due_followup_ids() == [summary.id]
    assert sending.sweep() == {"sent": 1}
    assert len(mailoutbox) == 1
    assert reload(summary).attempts == 2


def test_a_claim_within_its_lease_is_left_alone(mailoutbox, settings):
    settings.FOLLOWUP_CLAIM_LEASE = 300
    summary = followup_of(make_intake())
    sending.claim(summary.id)
    FollowUp.objects.filter(pk=summary.pk).update(
        claimed_at=timezone.now() - timedelta(seconds=299)
    )
    assert sending.due_followup_ids() == []
    assert sending.send(summary.id) is None
    assert mailoutbox == []


def test_a_worker_that_lost_its_claim_cannot_record_an_outcome(settings):
    settings.FOLLOWUP_CLAIM_LEASE = 300
    summary = followup_of(make_intake())
    slow = sending.claim(summary.id)
    FollowUp.objects.filter(pk=summary.pk).update(
        claimed_at=timezone.now() - timedelta(seconds=301)
    )
    assert sending.send(summary.id) == sending.SENT  # another worker took over and sent it
    assert sending._finish(slow, status=FollowUp.FAILED) == 0
    assert reload(summary).status == FollowUp.SENT


def test_an_smtp_failure_is_retried_later_with_backoff(settings):
    settings.EMAIL_BACKEND = REFUSING
    settings.FOLLOWUP_RETRY_BACKOFF = 60
    summary = followup_of(make_intake())
    assert sending.send(summary.id) == sending.RETRY
    summary = reload(summary)
    assert summary.status == FollowUp.PENDING
    assert summary.claimed_at is None
    assert "SMTPDataError" in summary.last_error
    first_delay = summary.due_at - timezone.now()
    assert timedelta(seconds=55) < first_delay <= timedelta(seconds=60)
    assert sending.send(summary.id) is None  # not due again yet

    make_due(summary)
    assert sending.send(summary.id) == sending.RETRY
    second_delay = reload(summary).due_at - timezone.now()
    assert timedelta(seconds=115) < second_delay <= timedelta(seconds=120)


def test_a_followup_that_keeps_failing_is_marked_failed_with_the_error(settings, mailoutbox):
    settings.EMAIL_BACKEND = REFUSING
    settings.FOLLOWUP_MAX_ATTEMPTS = 3
    summary = followup_of(make_intake())
    outcomes = []
    for _ in range(4):
        make_due(summary)
        outcomes.append(sending.send(summary.id))
    assert outcomes == [sending.RETRY, sending.RETRY, sending.FAILED, None]
    summary = reload(summary)
    assert summary.status == FollowUp.FAILED
    assert summary.attempts == 3
    assert summary.last_error.startswith("SMTPDataError: (451")
    assert sending.due_followup_ids() == []


def test_the_error_kept_for_staff_does_not_quote_the_patients_address(settings):
    settings.EMAIL_BACKEND = REFUSING
    summary = followup_of(make_intake(email="Ada@Example.com"))
    sending.send(summary.id)
    error = reload(summary).last_error
    assert "<<recipient>>" in error
    assert "example.com" not in error.lower()


def test_a_worker_that_keeps_dying_gives_the_followup_up(settings, mailoutbox):
    settings.FOLLOWUP_MAX_ATTEMPTS = 2
    summary = followup_of(make_intake())
    FollowUp.objects.filter(pk=summary.pk).update(
        status=FollowUp.SENDING, attempts=2, claimed_at=timezone.now() - timedelta(days=1)
    )
    assert sending.sweep() == {"failed": 1}
    assert "never completed" in reload(summary).last_error
    assert mailoutbox == []


def test_the_followup_of_a_patient_who_opted_out_is_cancelled_not_sent(mailoutbox):
    intake = make_intake()
    intake.followup_opt_in = False
    intake.save()
    assert sending.send(followup_of(intake).id) == sending.CANCELLED
    assert reload(followup_of(intake)).status == FollowUp.CANCELLED
    assert mailoutbox == []


def test_a_followup_being_sent_when_the_intake_was_erased_is_cancelled(mailoutbox, settings):
    intake = make_intake()
    summary = followup_of(intake)
    sending.claim(summary.id)  # a worker has it...
    intake.erase()  # ...the patient erases their data, and the worker dies
    FollowUp.objects.filter(pk=summary.pk).update(claimed_at=timezone.now() - timedelta(days=1))
    assert sending.sweep() == {"cancelled": 1}
    assert mailoutbox == []


def test_erasing_an_intake_cancels_its_pending_followups(mailoutbox):
    intake = make_intake()
    intake.erase()
    assert {row.status for row in intake.followups.all()} == {FollowUp.CANCELLED}
    assert sending.sweep() == {}


def test_the_sweep_sends_every_due_followup_and_nothing_else(mailoutbox):
    first, second = make_intake(), make_intake(email="grace@example.com")
    make_intake(followup_opt_in=False)
    assert sending.sweep() == {"sent": 2}
    assert sorted(m.to[0] for m in mailoutbox) == ["ada@example.com", "grace@example.com"]
    assert sending.sweep() == {}
    assert {followup_of(i, "reminder").status for i in (first, second)} == {FollowUp.PENDING}


def test_the_logs_never_name_the_patient(settings, caplog):
    caplog.set_level("INFO")
    sent = followup_of(make_intake(name="Ada", email="ada@example.com"))
    sending.send(sent.id)
    settings.EMAIL_BACKEND = REFUSING
    refused = followup_of(make_intake(name="Ada", email="ada@example.com"))
    sending.send(refused.id)
    assert f"Follow-up {sent.id} sent" in caplog.text
    assert f"Follow-up {refused.id} not sent" in caplog.text
    assert "ada@example.com" not in caplog.text.lower()
    assert "Ada" not in caplog.text


def test_one_sweep_handles_a_limited_batch_and_the_next_sweep_the_rest(mailoutbox):
    make_intake()
    make_intake(email="grace@example.com")
    assert sending.sweep(limit=1) == {"sent": 1}
    assert sending.sweep(limit=1) == {"sent": 1}
    assert len(mailoutbox) == 2


def test_pending_reminders_alone_can_be_cancelled():
    intake = make_intake()
    assert outbox.cancel_reminders(intake) == 1
    assert {row.kind: row.status for row in intake.followups.all()} == {
        "summary": "pending",
        "reminder": "cancelled",
    }
