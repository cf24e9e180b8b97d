"""Which shared data may have changed, told by PostgreSQL (LISTEN/NOTIFY) instead of asked.

Each process keeps things in memory: the catalog snapshot, rendered results pages. Other
processes change the data behind them (staff edit the catalog, a patient erases an intake).
Asking the database on every request whether anything changed costs a round trip each time,
about a third of an API request's throughput on 2 cores (benchmarks/README.md). Instead each
database connection LISTENs, a change NOTIFYs in its own transaction (so it is told only if
it commits), and a request reads what arrived with one non-blocking poll of its connection.

`seen(topic)` returns a mark that differs whenever `topic` may have changed: a new
notification, a new connection (which may have missed some), or RECHECK_SECONDS passing (a
bound on staleness should notifications be lost, e.g. behind a pooler in transaction mode).
It returns None where notifications cannot be relied on (SQLite, another driver than psycopg2,
or inside a transaction, where the connection's own uncommitted changes are invisible to them):
callers then ask the database, as they would without this module. Notifications reach other
processes soon after the commit (milliseconds), the committing process at once.
"""

import itertools
import threading
import time
from collections import Counter

from django.db import Error, connection

CHANNEL = "resurfacing_changes"
RECHECK_SECONDS = 30

_connection_ids = itertools.count(1)  # unique in the process: marks never match by chance
_listening = threading.local()  # per thread, as Django's connections are


def notify(topic):
    """Tell every process that `topic` changed, when the current transaction commits."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, topic])


def seen(topic):
    """A mark of what this process has been told about `topic`; None: ask the database."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    try:
        connection.ensure_connection()
        raw = connection.connection
        # Notifications are delivered between transactions, and read with psycopg2's poll().
        if not connection.autocommit or not hasattr(raw, "poll"):
            return None
        if getattr(_listening, "connection", None) is not raw:
            _listen(raw)
        raw.poll()
    except (Error, connection.Database.Error):
        return None  # the caller's own query meets the same error and reports it
    if raw.notifies:
        _listening.heard.update(notification.payload for notification in raw.notifies)
        raw.notifies.clear()
    return (_listening.id, _listening.heard[topic], int(time.monotonic() // RECHECK_SECONDS))


def _listen(raw):
    with connection.cursor() as cursor:
        cursor.execute(f"LISTEN {CHANNEL}")
    _listening.connection = raw
    _listening.id = next(_connection_ids)
    _listening.heard = Counter()
