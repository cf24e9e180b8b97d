"""Real server processes for the tests that need one (gunicorn, the development server),
pointed at the test database when other processes can reach it (PostgreSQL)."""

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

from django.conf import settings
from django.db import connection


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_database_url():
    database = connection.settings_dict
    if connection.vendor != "postgresql":
        return None
    return f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


def wait_until_serving(port, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)  # noqa: S310
            return
        except urllib.error.HTTPError:
            return  # it answers, if only to say the database is down
        # A busy machine may accept the connection before a worker has booted to answer it.
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def running(command, port, **environment):
    """The server of `command` on `port`, started and stopped; yields the process, whose output
    (stdout and stderr together) is read once it stopped."""
    environment = {"DEBUG": "true", "PYTHONUNBUFFERED": "1", **environment}
    if url := test_database_url():
        environment.setdefault("DATABASE_URL", url)
    server = subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        env={**os.environ, **environment},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_until_serving(port)
        yield server
    finally:
        server.terminate()
        server.output, _ = server.communicate(timeout=20)
