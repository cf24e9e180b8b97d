"""Helpers for the tests of change notifications (resurfacing/changes.py): another process's
database connection, and waiting for what it notified to arrive."""

import time
from contextlib import contextmanager

import psycopg2
import pytest
from django.db import connection

from resurfacing import changes

# Changes are committed outside any test transaction; the migrated data comes back after.
committing = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@contextmanager
def another_process():
    """A connection of its own to the test database, as another web process has: what it
    commits, this process learns only from the database."""
    other = psycopg2.connect(**connection.get_connection_params())
    try:
        yield other
    finally:
        other.close()


def commit(other, *statements):
    """Run `statements` ((sql, params) pairs) in one transaction on the other connection."""
    with other, other.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)


def notification(topic):
    return ("SELECT pg_notify(%s, %s)", [changes.CHANNEL, topic])


def wait_until(condition, timeout=5.0):
    """Notifications arrive asynchronously, within milliseconds: poll until `condition()`."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.005)
    return True
