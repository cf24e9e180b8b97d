"""Follow-ups are rows stored with the intake, only for patients who opted in."""

from datetime import timedelta

import pytest
from kombu.exceptions import OperationalError

from followups import tasks
from followups.models import FollowUp
from intake import submission
from intake.models import Intake
from resurfacing.celery import app as celery_app
from tests.followups.helpers import ANSWERS, followup, submit_intake

pytestmark = pytest.mark.django_db


def test_an_intake_with_opt_in_gets_a_summary_now_and_a_reminder_after_the_delay(settings):
    settings.FOLLOWUP_SCHEDULE = {"summary": 0, "reminder": 3 * 24 * 60 * 60}
    intake = submit_intake()
    assert followup(intake, "summary").due_at == intake.submitted_at
    assert followup(intake, "reminder").due_at == intake.submitted_at + timedelta(days=3)
    assert {row.status for row in intake.followups.all()} == {FollowUp.PENDING}


def test_the_schedule_comes_from_the_setting(settings):
    settings.FOLLOWUP_SCHEDULE = {"reminder": 600}
    intake = submit_intake()
    assert [(row.kind, row.due_at - intake.submitted_at) for row in intake.followups.all()] == [
        ("reminder", timedelta(seconds=600))
    ]


def test_an_intake_without_opt_in_gets_no_followups():
    intake = submit_intake(followup_opt_in=False)
    assert not intake.followups.exists()


def test_an_intake_without_an_email_gets_no_followups():
    intake = submit_intake(email="")
    assert not intake.followups.exists()


def test_followups_are_stored_in_the_same_transaction_as_the_intake(monkeypatch):
    def schedule_then_fail(intake):
        schedule_followups(intake)
        raise RuntimeError("the database went away")

    schedule_followups = submission.schedule_followups
    monkeypatch.setattr(submission, "schedule_followups", schedule_then_fail)
    with pytest.raises(RuntimeError):
        submit_intake()
    assert not Intake.objects.exists()
    assert not FollowUp.objects.exists()


def test_the_summary_is_queued_only_when_the_transaction_commits(
    monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(tasks, "publish", queued.append)
    with django_capture_on_commit_callbacks() as callbacks:
        intake = submit_intake()
        assert queued == []
    for callback in callbacks:
        callback()
    assert queued == [followup(intake, "summary").id]  # the reminder waits for the sweep


def test_the_queued_task_carries_the_followup_id_only(
    monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    monkeypatch.setattr(
        tasks.send_followup, "apply_async", lambda *args, **kwargs: calls.append((args, kwargs))
    )
    with django_capture_on_commit_callbacks(execute=True):
        intake = submit_intake()
    [(args, _)] = calls
    assert args == ((followup(intake, "summary").id,),)


def test_a_submitted_intake_gets_its_summary_email(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        intake = submit_intake()
    assert [message.to for message in mailoutbox] == [[ANSWERS["email"]]]
    assert followup(intake, "summary").status == FollowUp.SENT
    assert followup(intake, "reminder").status == FollowUp.PENDING


def test_a_broker_error_does_not_fail_the_submission(
    monkeypatch, caplog, mailoutbox, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.send_followup, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        intake = submit_intake()
    assert Intake.objects.filter(pk=intake.pk).exists()
    assert followup(intake, "summary").status == FollowUp.PENDING
    assert mailoutbox == []
    assert "the sweep will send it" in caplog.text
    assert ANSWERS["email"] not in caplog.text and ANSWERS["name"] not in caplog.text


def test_beat_runs_the_sweep_task_periodically():
    entry = celery_app.conf.beat_schedule["send-due-followups"]
    assert entry["task"] == tasks.send_due_followups.name
    assert entry["task"] in celery_app.tasks
