"""The servers' own logs — gunicorn's access log and the development server's request lines —
never hold a results token or an unsubscribe signature: every line goes through the same
redaction as the app's logs."""

import contextlib
import sys
import urllib.error
import urllib.request

import pytest

from tests.servers import free_port, running

TOKEN = "Zq3RkT9vWmB2xY7aLpQ4nC8dE1fG5hJ6kM0sU2wX3y"
SIGNATURE = "AbCdEfGhIjKlMnOpQrStUvWxYz0"
PATHS = [f"/intake/results/{TOKEN}/", f"/followups/unsubscribe/42:{SIGNATURE}/"]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def output_after_visits(command, port):
    with running(command, port, LOG_LEVEL="INFO") as server:
        for path in PATHS:
            # No such intake: the request is logged all the same. A new process's first request
            # loads the URL configuration and templates, which takes a while on a busy machine.
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30)  # noqa: S310
    return server.output


def test_gunicorns_access_log_holds_no_token():
    port = free_port()
    gunicorn = [sys.executable, "-m", "gunicorn", "resurfacing.wsgi", "-b", f"127.0.0.1:{port}"]
    logger = ["--logger-class", "resurfacing.gunicorn_logging.RedactedLogger"]
    output = output_after_visits([*gunicorn, "--access-logfile", "-", *logger], port)
    assert "/intake/results/[token]/" in output, output[-2000:]
    assert TOKEN not in output and SIGNATURE not in output


def test_the_development_servers_request_lines_hold_no_token():
    port = free_port()
    runserver = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    output = output_after_visits(runserver, port)
    assert "/intake/results/[token]/" in output, output[-2000:]
    assert TOKEN not in output and SIGNATURE not in output
