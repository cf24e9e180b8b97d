"""Two web servers of their own (gunicorn, as in production) recommend from a catalog changed by
a third process within a second, with no signal, notification or restart involved. PostgreSQL:
the servers and the test share its test database."""

import contextlib
import json
import sys
import time
import urllib.request

import pytest
from django.db import connection

from tests.resurfacing.api_client import README_EXAMPLE
from tests.servers import free_port, running
from treatments.models import Treatment

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SLUG = "microneedling"


def downtime(port):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/recommendations",
        data=json.dumps(README_EXAMPLE).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310  (loopback)
        result = json.load(response)
    return next(c["downtime_days"] for c in result["candidates"] if c["slug"] == SLUG)


@pytest.fixture
def servers(postgresql):
    ports = [free_port(), free_port()]
    with contextlib.ExitStack() as stack:
        for port in ports:
            gunicorn = ["gunicorn", "resurfacing.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}"]
            stack.enter_context(
                running(
                    [sys.executable, "-m", *gunicorn],
                    port,
                    DB_CONN_MAX_AGE="60",
                    API_RATE="1000/s",
                    LOG_LEVEL="WARNING",
                )
            )
        yield ports


def seconds_until_both_show(ports, expected, limit=5.0):
    started = time.monotonic()
    pending = set(ports)
    while pending and time.monotonic() - started < limit:
        pending = {port for port in pending if downtime(port) != expected}
        time.sleep(0.05)
    assert not pending, f"servers {sorted(pending)} still show the old catalog after {limit} s"
    return time.monotonic() - started


def test_a_bulk_update_by_another_process_is_used_by_every_server_within_a_second(servers):
    assert [downtime(port) for port in servers] == [[1, 3], [1, 3]]
    Treatment.objects.filter(slug=SLUG).update(downtime_max_days=5)
    assert seconds_until_both_show(servers, [1, 5]) < 1.5  # a second, and the polling's time


def test_a_change_in_raw_sql_by_another_process_is_used_by_every_server_within_a_second(servers):
    assert [downtime(port) for port in servers] == [[1, 3], [1, 3]]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE treatments_treatment SET downtime_max_days = 7 WHERE slug = %s", [SLUG]
        )
    assert seconds_until_both_show(servers, [1, 7]) < 1.5
