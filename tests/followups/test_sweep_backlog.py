"""A backlog drains: each beat sweep keeps claiming and sending due follow-ups until none is due
or its time budget (FOLLOWUP_SWEEP_BUDGET_SECONDS) is spent, ends before the next sweep, and
stays far below the broker's visibility timeout."""

import smtplib
from datetime import timedelta

import pytest
from django.core.checks import run_checks
from django.core.mail.backends.locmem import EmailBackend as MemoryBackend
from django.utils import timezone

from followups import sending, tasks
from followups.models import FollowUp
from tests.factories import make_intake

pytestmark = pytest.mark.django_db


class FakeClock:
    """The sweep's clock; every message sent moves it on by `per_message` seconds."""

    now, per_message = 0.0, 0.0

    def __call__(self):
        return self.now


CLOCK = FakeClock()


class TimedBackend(MemoryBackend):
    """Delivers to mail.outbox; each message takes CLOCK.per_message seconds of the clock."""

    def send_messages(self, messages):
        CLOCK.now += CLOCK.per_message * len(messages)
        return super().send_messages(messages)


class TryLaterBackend(MemoryBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPDataError(451, b"4.3.0 try later")


@pytest.fixture
def clock(monkeypatch, settings):
    settings.EMAIL_BACKEND = f"{__name__}.TimedBackend"
    CLOCK.now, CLOCK.per_message = 0.0, 0.0
    monkeypatch.setattr(sending, "clock", CLOCK, raising=False)
    return CLOCK


def backlog(intakes):
    """`intakes` patients' summaries and reminders, all due: twice as many e-mails."""
    for n in range(intakes):
        make_intake(email=f"patient{n}@example.com")
    FollowUp.objects.update(due_at=timezone.now() - timedelta(minutes=1))
    return 2 * intakes


def pending():
    return FollowUp.objects.filter(status=FollowUp.PENDING).count()


def followup_warnings():
    return [m.id for m in run_checks() if m.id.startswith("followups.")]


def test_one_sweep_sends_more_than_fifty_due_emails(clock, mailoutbox):
    due = backlog(40)
    assert due > sending.SWEEP_BATCH
    assert tasks.send_due_followups() == {"sent": due}
    assert len(mailoutbox) == due
    assert pending() == 0


def test_a_sweep_stops_claiming_once_its_time_budget_is_spent(clock, settings, mailoutbox):
    settings.FOLLOWUP_SWEEP_BUDGET_SECONDS = 50
    clock.per_message = 10
    backlog(5)
    assert tasks.send_due_followups() == {"sent": 5}  # at 0, 10, 20, 30 and 40 s
    assert pending() == 5


def test_the_next_sweep_goes_on_where_the_last_one_stopped(clock, settings, mailoutbox):
    settings.FOLLOWUP_SWEEP_BUDGET_SECONDS = 50
    clock.per_message = 10
    due = backlog(4)
    tasks.send_due_followups()
    assert tasks.send_due_followups() == {"sent": due - 5}
    assert len(mailoutbox) == due


def test_a_sweep_tries_each_email_at_most_once(settings, monkeypatch):
    settings.EMAIL_BACKEND = f"{__name__}.TryLaterBackend"
    monkeypatch.setattr(sending, "retry_delay", lambda attempts: 0)  # due again at once
    due = backlog(3)
    assert tasks.send_due_followups() == {"retry": due}
    assert set(FollowUp.objects.values_list("attempts", flat=True)) == {1}


def test_the_command_sends_the_whole_backlog_without_a_budget(clock, settings, mailoutbox):
    settings.FOLLOWUP_SWEEP_BUDGET_SECONDS = 50
    clock.per_message = 10
    due = backlog(30)
    assert sending.sweep() == {"sent": due}


def test_beat_sweeps_expire_instead_of_piling_up(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-due-followups"]
    assert entry["options"]["expires"] <= entry["schedule"]


def test_a_sweep_ends_before_the_next_one_is_due(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-due-followups"]
    assert entry["schedule"] > settings.FOLLOWUP_SWEEP_BUDGET_SECONDS
    assert followup_warnings() == []


def test_a_budget_not_below_the_sweep_interval_is_warned_about(settings):
    settings.FOLLOWUP_SWEEP_BUDGET_SECONDS = 60
    assert followup_warnings() == ["followups.W004"]


def test_a_budget_near_the_brokers_visibility_timeout_is_warned_about(settings):
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 100}
    assert followup_warnings() == ["followups.W006"]
