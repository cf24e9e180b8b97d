"""Change notifications: each process learns from PostgreSQL (LISTEN/NOTIFY) that shared data
changed, instead of asking on every request; where it cannot rely on them it is told to ask."""

import time

import pytest
from django.db import connection, transaction

from resurfacing import changes
from tests.resurfacing.changes_helpers import (
    another_process,
    commit,
    committing,
    notification,
    wait_until,
)


@pytest.mark.django_db
def test_inside_a_transaction_the_caller_is_told_to_ask_the_database():
    # Its own uncommitted changes are never notified to it.
    with transaction.atomic():
        assert changes.seen("catalog") is None


@pytest.mark.django_db
def test_without_postgresql_the_caller_is_told_to_ask_the_database(monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")  # the app's default database
    assert changes.seen("catalog") is None


@committing
def test_the_mark_stays_while_nothing_changes(postgresql):
    first = changes.seen("catalog")
    assert first is not None
    assert changes.seen("catalog") == first


@committing
def test_a_change_another_process_commits_moves_the_mark(postgresql):
    before = changes.seen("catalog")
    with another_process() as other:
        commit(other, notification("catalog"))

    assert wait_until(lambda: changes.seen("catalog") != before)


@committing
def test_a_change_another_process_rolls_back_is_never_notified(postgresql):
    before = changes.seen("catalog")
    with another_process() as other:
        with other.cursor() as cursor:
            cursor.execute(*notification("catalog"))
        other.rollback()
        # Notifications arrive in commit order: once this one is here, the other would be too.
        barrier = changes.seen("barrier")
        commit(other, notification("barrier"))
        assert wait_until(lambda: changes.seen("barrier") != barrier)

    assert changes.seen("catalog") == before


@committing
def test_a_change_to_another_topic_leaves_the_mark(postgresql):
    before, erased = changes.seen("catalog"), changes.seen("intake-erased")
    with another_process() as other:
        commit(other, notification("intake-erased"))
    assert wait_until(lambda: changes.seen("intake-erased") != erased)

    assert changes.seen("catalog") == before


@committing
def test_this_processs_own_committed_change_moves_the_mark_at_once(postgresql):
    before = changes.seen("catalog")
    changes.notify("catalog")  # autocommit: committed as it runs

    assert changes.seen("catalog") != before


@committing
def test_a_new_connection_moves_the_mark_as_it_may_have_missed_changes(postgresql):
    before = changes.seen("catalog")
    connection.close()

    assert changes.seen("catalog") != before


@committing
def test_the_mark_moves_every_recheck_period_even_without_notifications(postgresql, monkeypatch):
    before = changes.seen("catalog")
    later = time.monotonic() + changes.RECHECK_SECONDS
    monkeypatch.setattr(time, "monotonic", lambda: later)

    assert changes.seen("catalog") != before


@committing
def test_a_lost_connection_tells_the_caller_to_ask_the_database(postgresql):
    changes.seen("catalog")
    with another_process() as other:  # as a database restart does
        commit(
            other, ("SELECT pg_terminate_backend(%s)", [connection.connection.get_backend_pid()])
        )

    assert wait_until(lambda: changes.seen("catalog") is None)
    connection.close()  # what Django does with an unusable connection after the request
