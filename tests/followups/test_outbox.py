"""Follow-ups are rows stored with the intake, only for patients who opted in."""

from datetime import timedelta

import pytest

from followups import outbox, tasks
from followups.models import FollowUp
from intake.models import Intake
from resurfacing.celery import app as celery_app
from tests.factories import followup_of, make_intake

pytestmark = pytest.mark.django_db


def test_an_intake_with_opt_in_gets_a_summary_now_and_a_reminder_after_the_delay(settings):
    settings.FOLLOWUP_SCHEDULE = {"summary": 0, "reminder": 3 * 24 * 60 * 60}
    intake = make_intake()
    assert followup_of(intake, "summary").due_at == intake.submitted_at
    assert followup_of(intake, "reminder").due_at == intake.submitted_at + timedelta(days=3)
    assert {row.status for row in intake.followups.all()} == {FollowUp.PENDING}


def test_the_schedule_comes_from_the_setting(settings):
    settings.FOLLOWUP_SCHEDULE = {"reminder": 600}
    intake = make_intake()
    assert [(row.kind, row.due_at - intake.submitted_at) for row in intake.followups.all()] == [
        ("reminder", timedelta(seconds=600))
    ]


def test_an_intake_without_opt_in_gets_no_followups():
    intake = make_intake(followup_opt_in=False)
    assert not intake.followups.exists()


def test_an_intake_without_an_email_gets_no_followups():
    intake = make_intake(email="")
    assert not intake.followups.exists()


def test_followups_are_stored_in_the_same_transaction_as_the_intake(monkeypatch):
    def schedule_then_fail(intake):
        schedule(intake)
        raise RuntimeError("the database went away")

    schedule = outbox.schedule
    monkeypatch.setattr(outbox, "schedule", schedule_then_fail)
    with pytest.raises(RuntimeError):
        make_intake()
    assert not Intake.objects.exists()
    assert not FollowUp.objects.exists()


def test_a_submitted_intake_gets_its_summary_email(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        intake = make_intake()
    assert [message.to for message in mailoutbox] == [[intake.email]]
    assert followup_of(intake, "summary").status == FollowUp.SENT
    assert followup_of(intake, "reminder").status == FollowUp.PENDING


def test_beat_runs_the_sweep_task_periodically():
    entry = celery_app.conf.beat_schedule["send-due-followups"]
    assert entry["task"] == tasks.send_due_followups.name
    assert entry["task"] in celery_app.tasks
