"""With the real Redis broker and a real Celery worker (a thread in this process): every
promised e-mail goes out once, also when the broker was down while the patient submitted.

Locally these skip when Redis is not running; in CI (REQUIRE_SERVICES=1) they fail instead.
"""

import time
from contextlib import contextmanager

import pytest
from celery.contrib.testing.worker import start_worker
from celery.worker import state as worker_state

from followups.models import FollowUp
from followups.tasks import send_due_followups, send_followup
from intake.models import Intake
from resurfacing.celery import app as celery_app
from tests.factories import followup_of, make_due, make_intake
from tests.followups.helpers import complete_questionnaire, point_celery_at, redis_broker

# The worker thread reads what the test committed; the catalog comes back after the flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# A queue of its own, so a developer's worker on the same Redis never takes the tests' tasks.
QUEUE = "followups-tests"
CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens there: the broker is "down"


@pytest.fixture
def broker(monkeypatch):
    with redis_broker(
        monkeypatch, QUEUE, broker_transport_options={"visibility_timeout": 3600}
    ) as client:
        yield client


@contextmanager
def running_worker():
    with start_worker(celery_app, pool="solo", perform_ping_check=False, queues=[QUEUE]) as w:
        yield w


def wait_for(condition, timeout=10):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def wait_until_idle(broker, timeout=10):
    """Until the queue is empty and the worker has nothing in hand, for a few polls running."""
    quiet = 0
    deadline = time.monotonic() + timeout
    while quiet < 5:
        assert time.monotonic() < deadline, "the worker never became idle"
        idle = not broker.llen(QUEUE) and not worker_state.active_requests
        quiet = quiet + 1 if idle and not worker_state.reserved_requests else 0
        time.sleep(0.05)


def status_of(row):
    return FollowUp.objects.get(pk=row.pk).status


# The test reads the database only while the worker is idle: locally the tests' SQLite database
# is shared in memory, where a read during the worker's write fails with "table is locked".


def test_a_submitted_intake_gets_its_summary_once_from_the_worker(broker, mailoutbox):
    with running_worker():
        intake = make_intake()  # queues the summary when it commits
        wait_for(lambda: len(mailoutbox) == 1)
        wait_until_idle(broker)
        summary = followup_of(intake)
        send_followup.delay(summary.id)  # delivered again
        send_due_followups.delay()  # and a sweep
        wait_until_idle(broker)
    assert [m.to for m in mailoutbox] == [["ada@example.com"]]
    assert status_of(summary) == FollowUp.SENT
    assert status_of(followup_of(intake, "reminder")) == FollowUp.PENDING


def test_a_followup_made_due_is_sent_once_by_the_sweep(broker, mailoutbox):
    with running_worker():
        intake = make_intake()
        wait_for(lambda: len(mailoutbox) == 1)
        wait_until_idle(broker)
        reminder = followup_of(intake, "reminder")
        make_due(reminder)
        send_due_followups.delay()
        send_due_followups.delay()  # two sweeps racing
        wait_for(lambda: len(mailoutbox) == 2)
        wait_until_idle(broker)
    assert len(mailoutbox) == 2
    assert "reminder" in mailoutbox[1].subject
    assert status_of(reminder) == FollowUp.SENT


def test_with_the_broker_down_the_patient_still_gets_results_and_later_one_email(
    broker, mailoutbox, client, monkeypatch
):
    point_celery_at(CLOSED_PORT, monkeypatch)
    started = time.monotonic()
    response = complete_questionnaire(client)
    assert time.monotonic() - started < 10
    assert response.status_code == 200
    assert "intake/result.html" in [t.name for t in response.templates]
    intake = Intake.objects.get()
    assert status_of(followup_of(intake)) == FollowUp.PENDING
    assert mailoutbox == []

    point_celery_at(broker.url, monkeypatch)  # the broker is back
    with running_worker():
        send_due_followups.delay()  # what beat does every minute
        wait_for(lambda: len(mailoutbox) == 1)
        send_due_followups.delay()
        wait_until_idle(broker)
    assert len(mailoutbox) == 1
    assert status_of(followup_of(intake)) == FollowUp.SENT
