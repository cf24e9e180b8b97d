"""A submission queues its summary on the real Redis broker, carrying the follow-up's id only;
with the broker down the patient still gets their results within the broker timeout, and the
summary waits in the outbox for the sweep.

Locally these skip when Redis is not running; in CI (REQUIRE_SERVICES=1) they fail instead.
"""

import base64
import json
import os
import socket
import time

import pytest

from followups.models import FollowUp
from followups.sending import sweep
from tests.factories import followup_of, make_intake
from tests.followups.helpers import point_celery_at, redis_broker

# Of its own: neither a developer's worker nor another test run takes these.
QUEUE = f"followups-publish-tests-{os.getpid()}"
NOTHING_LISTENS = "redis://127.0.0.1:1/0"

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(monkeypatch):
    with redis_broker(monkeypatch, QUEUE) as client:
        yield client


def queued(broker):
    """The arguments of the tasks waiting in the queue, oldest first."""
    messages = [json.loads(raw) for raw in reversed(broker.lrange(QUEUE, 0, -1))]
    return [json.loads(base64.b64decode(m["body"]))[0] for m in messages]


def test_a_submission_queues_its_summary_with_the_followup_id_only(
    broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        intake = make_intake()
    assert queued(broker) == [[followup_of(intake, FollowUp.SUMMARY).id]]


def test_nothing_is_queued_before_the_intake_commits(broker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        make_intake()
        assert queued(broker) == []
    assert len(callbacks) == 1  # the summary; the reminder waits for the sweep


def test_many_submissions_are_all_queued(broker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        intakes = [make_intake() for _ in range(5)]
    assert queued(broker) == [[followup_of(i, FollowUp.SUMMARY).id] for i in intakes]


def test_with_the_broker_down_a_submission_succeeds_within_the_timeout(
    broker, monkeypatch, settings, caplog, django_capture_on_commit_callbacks
):
    point_celery_at(NOTHING_LISTENS, monkeypatch)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        intake = make_intake(name="Ada")  # one word: no part of the name may be logged
    assert time.monotonic() - started < settings.CELERY_BROKER_CONNECTION_TIMEOUT + 1
    assert followup_of(intake, FollowUp.SUMMARY).status == FollowUp.PENDING
    assert "not queued" in caplog.text and "the sweep will do its work" in caplog.text
    assert intake.email not in caplog.text and intake.name not in caplog.text


def test_a_summary_not_queued_while_the_broker_was_down_is_sent_by_the_sweep(
    broker, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    point_celery_at(NOTHING_LISTENS, monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        intake = make_intake()
    assert mailoutbox == []
    sweep()
    assert [message.to for message in mailoutbox] == [[intake.email]]
    assert followup_of(intake, FollowUp.SUMMARY).status == FollowUp.SENT


def test_a_broker_that_accepts_but_never_answers_delays_a_submission_at_most_the_timeout(
    broker, monkeypatch, settings, django_capture_on_commit_callbacks
):
    with socket.socket() as silent:  # the connection is accepted by the kernel, never answered
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        point_celery_at(f"redis://127.0.0.1:{silent.getsockname()[1]}/0", monkeypatch)
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            intake = make_intake()
        assert time.monotonic() - started < settings.CELERY_BROKER_CONNECTION_TIMEOUT + 1
    assert followup_of(intake, FollowUp.SUMMARY).status == FollowUp.PENDING
