"""No personal data or health answer in any log line or broker message.

A patient with canary values (a unique name and e-mail, health answers) goes through the whole
flow — questionnaire, submission with follow-ups, the real Redis broker and a real worker, the
results pages, staff views and changes, unsubscribe, erasure — while every logger is at DEBUG.
Then no log record holds the name, the e-mail address or a health answer; no line the logging
configuration writes holds those, the results token or the unsubscribe signature (request paths
are redacted); and nothing in the broker's Redis database holds any of them.

Locally this skips when Redis is not running; in CI (REQUIRE_SERVICES=1) it fails instead.
"""

import base64
import contextlib
import copy
import json
import logging
import os
import time
import uuid
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.worker import state as worker_state
from django.conf import settings
from django.test import Client
from django.utils.module_loading import import_string

from followups.emails import unsubscribe_url
from intake import workflow
from intake.models import Intake
from resurfacing.celery import app as celery_app
from tests.conftest import skip_or_fail
from tests.factories import SUPERUSER, make_staff_user
from tests.followups.helpers import forget_connections
from tests.intake.helpers import REVIEW_URL, answer_steps, answers, health_answers

# The worker thread reads what the test committed; the catalog comes back after the flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

QUEUE = "privacy-canary-tests"
BROKER_DB = 14
CHANGED = ("broker_url", "broker_transport_options", "task_default_queue", "task_always_eager")
HEALTH_YES = ["isotretinoin_recent", "melasma_or_pih_history", "keloid_or_hypertrophic_scarring"]
CONCERNS = ["acne_scars", "sun_damage_age_spots"]


class Canary:
    def __init__(self):
        unique = uuid.uuid4().hex
        self.name = f"Canaryname{unique[:12]}"
        self.email = f"canary-{unique}@example.com"
        self.answers = answers(
            concerns={"concerns": CONCERNS},
            health=health_answers(*HEALTH_YES),
            contact={
                "adult_confirmed": "on",
                "consent": "on",
                "name": self.name,
                "email": self.email,
                "followup_opt_in": "on",
            },
        )
        self.secrets = {}  # filled in once the intake exists: token, unsubscribe signature

    def personal_data(self):
        """What must never be logged at all, even before redaction, with what it is."""
        return {
            self.name: "the name",
            self.name.lower(): "the name",
            self.email: "the e-mail address",
            self.email.split("@")[0]: "the e-mail address",
            **dict.fromkeys(HEALTH_YES, "a health answer"),
            **dict.fromkeys(CONCERNS, "a concern"),
        }

    def found_in(self, text, secrets=True):
        """What of the canary `text` shows; with `secrets`, the token and signature count too
        (the redaction removes them from request paths in the lines written)."""
        values = {**self.personal_data(), **(self.secrets if secrets else {})}
        return sorted({what for value, what in values.items() if value in text})


def broker_url():
    configured = os.environ.get("CELERY_BROKER_URL", "")
    base = configured if configured.startswith("redis://") else "redis://127.0.0.1:6379/0"
    parts = urlsplit(base)
    return parts._replace(path=f"/{BROKER_DB}").geturl()


@pytest.fixture
def broker(monkeypatch):
    """The real Redis broker, in a database of the test's own, emptied before and after."""
    url = broker_url()
    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        skip_or_fail(f"Redis not reachable at {url}")
    client.flushdb()
    saved = {key: celery_app.conf[key] for key in CHANGED}
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    celery_app.conf.update(
        broker_url=url,
        broker_transport_options={"visibility_timeout": 3600},
        task_default_queue=QUEUE,
        task_always_eager=False,
    )
    forget_connections()
    yield client
    client.flushdb()
    celery_app.conf.update(saved)
    forget_connections()


class Records:
    """Every log record of every logger, at every level, as it was logged (before a filter
    redacts it), from any thread. Hooked into Logger itself: starting a worker configures
    logging again (django.setup()), which would drop a handler added to the root logger."""

    def __init__(self):
        self.raw = []  # the record's text as logged
        self.copies = []  # untouched copies, for the lines the configured handler writes

    def keep(self, record):
        text = f"{record.name} {record.levelname} {record.msg} {record.args!r}"
        with contextlib.suppress(Exception):
            text += " " + record.getMessage()
        if record.exc_info:
            text += " " + logging.Formatter().formatException(record.exc_info)
        text += " " + (record.exc_text or "") + " " + (record.stack_info or "")
        self.raw.append(text)
        self.copies.append(copy.copy(record))

    def written_lines(self):
        """The lines the LOGGING setting writes for these records: redacted JSON lines."""
        config = settings.LOGGING
        assert config["handlers"]["console"]["filters"] == ["redact"]
        redact = import_string(config["filters"]["redact"]["()"])()
        formatter = import_string(config["formatters"]["json"]["()"])()
        lines = []
        for record in self.copies:
            redact.filter(record)
            lines.append(formatter.format(record))
        return lines


@pytest.fixture
def logs(monkeypatch, caplog):
    records = Records()
    handle = logging.Logger.handle

    def keep_and_handle(logger, record):
        records.keep(record)
        return handle(logger, record)

    monkeypatch.setattr(logging.Logger, "handle", keep_and_handle)
    # DEBUG for every logger, whatever level the configuration gives it.
    monkeypatch.setattr(logging.Logger, "isEnabledFor", lambda logger, level: not logger.disabled)
    caplog.set_level(logging.DEBUG)
    return records


def broker_texts(client):
    """Every key and value in the broker's Redis database, message bodies decoded."""
    texts = []
    for key in client.scan_iter():
        texts.append(key.decode(errors="replace"))
        kind = client.type(key).decode()
        if kind == "list":
            values = client.lrange(key, 0, -1)
        elif kind == "hash":
            values = [item for pair in client.hgetall(key).items() for item in pair]
        elif kind == "set":
            values = list(client.smembers(key))
        elif kind == "zset":
            values = client.zrange(key, 0, -1)
        else:
            values = [client.get(key) or b""]
        texts.extend(_decoded(value) for value in values)
    return texts


def _decoded(value):
    text = value.decode(errors="replace")
    try:
        message = json.loads(text)
    except ValueError:
        return text
    if isinstance(message, dict) and message.get("properties", {}).get("body_encoding") == "base64":
        text += " " + base64.b64decode(message["body"]).decode(errors="replace")
    elif isinstance(message, list) and message and isinstance(message[0], str):
        text += " " + " ".join(_decoded(item.encode()) for item in message if isinstance(item, str))
    return text


@contextmanager
def running_worker():
    with start_worker(
        celery_app,
        pool="solo",
        perform_ping_check=False,
        queues=[QUEUE],
        loglevel=logging.DEBUG,
    ) as worker:
        yield worker


def wait_for(condition, timeout=10):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def wait_until_idle(client, timeout=10):
    quiet, deadline = 0, time.monotonic() + timeout
    while quiet < 5:
        assert time.monotonic() < deadline, "the worker never became idle"
        idle = not client.llen(QUEUE) and not worker_state.active_requests
        quiet = quiet + 1 if idle and not worker_state.reserved_requests else 0
        time.sleep(0.05)


def walk_the_whole_flow(canary, broker, mailoutbox):
    """Everything a patient and staff do with one intake; returns the broker's payloads as
    they were while the task message waited in the queue."""
    patient = Client()
    answer_steps(patient, canary.answers)
    assert patient.post(REVIEW_URL).status_code == 302  # commits, then publishes the summary
    intake = Intake.objects.get()
    signature = urlsplit(unsubscribe_url(intake)).path.rstrip("/").rsplit("/", 1)[1]
    canary.secrets = {
        intake.token: "the results token",
        signature.split(":", 1)[1]: "the unsubscribe signature",
    }
    waiting = broker_texts(broker)
    assert any("followups.tasks.send_followup" in text for text in waiting), "nothing published"

    with running_worker():  # a real worker takes the task and sends the summary
        wait_for(lambda: len(mailoutbox) == 1)
        wait_until_idle(broker)
    assert mailoutbox[0].to == [canary.email]

    results = f"/intake/results/{intake.token}/"
    for url in (results, f"{results}download/", f"{results}delete/"):
        assert patient.get(url).status_code == 200
    assert patient.get("/intake/results/not-a-token/").status_code == 404

    staff = Client()
    staff.force_login(make_staff_user(SUPERUSER, username="root"))
    change = f"/admin/intake/intake/{intake.pk}/change/"
    for url in (
        "/admin/intake/intake/",
        f"/admin/intake/intake/?q={canary.email}",
        f"/admin/intake/intake/?q={canary.name}",
        change,
        "/admin/intake/intake/export/",
        "/admin/followups/followup/",
        "/admin/staff/auditevent/",
    ):
        response = staff.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            b"".join(response.streaming_content)  # the CSV export runs as it streams
    response = staff.post(
        change,
        {
            "status": workflow.IN_REVIEW,
            "assignee": "",
            "contact_requests-TOTAL_FORMS": "0",
            "contact_requests-INITIAL_FORMS": "0",
            "notes-TOTAL_FORMS": "1",
            "notes-INITIAL_FORMS": "0",
            "notes-0-text": f"Called {canary.name} about isotretinoin_recent",
        },
    )
    assert response.status_code == 302, response.content[:500]

    one_click = unsubscribe_url(intake)
    assert patient.get(one_click).status_code == 200
    assert patient.post(one_click, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert staff.post(f"/admin/intake/intake/{intake.pk}/erase/").status_code == 302
    assert Intake.objects.get().is_erased
    return waiting


def test_no_canary_reaches_a_log_line_or_the_broker(broker, logs, mailoutbox):
    canary = Canary()
    waiting = walk_the_whole_flow(canary, broker, mailoutbox)

    logged = "\n".join(logs.raw)
    for expected in ("Follow-up", "send_followup", "Not Found: /intake/results/"):
        assert expected in logged, f"no record mentions {expected!r}: the capture missed some"
    problems = [
        f"{', '.join(found)} in the log record: {text[:300]}"
        for text in logs.raw
        if (found := canary.found_in(text, secrets=False))
    ]
    problems += [
        f"{', '.join(found)} in the log line: {line[:300]}"
        for line in logs.written_lines()
        if (found := canary.found_in(line))
    ]
    problems += [
        f"{', '.join(found)} in the broker: {text[:300]}"
        for text in waiting + broker_texts(broker)
        if (found := canary.found_in(text))
    ]
    assert not problems, "\n".join(problems)
