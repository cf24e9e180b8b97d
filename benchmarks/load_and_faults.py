"""Load and fault runs of the whole system: gunicorn, a Celery worker and beat, Redis, PostgreSQL.

    .venv/bin/python benchmarks/load_and_faults.py                      # every scenario
    .venv/bin/python benchmarks/load_and_faults.py load worker-kill --duration 60
    .venv/bin/python benchmarks/load_and_faults.py smtp --smtp-down 20  # a short SMTP outage

Each scenario runs on a clean outbox in the PostgreSQL database `bench_load`, with follow-up
opt-in on every submission, and a real `celery -A resurfacing worker` and `celery -A resurfacing
beat` running throughout (production's FOLLOWUP_CLAIM_LEASE and EMAIL_TIMEOUT; beat's sweep
every --sweep-seconds):

  load          --concurrency clients submit for --duration seconds; e-mails written to files.
  redis         Redis is STOPPED for --redis-down seconds, then started again.
  worker-kill   the worker gets SIGKILL (its whole process group) inside a send, before the slow
                file-based mail backend accepted the message; a new one starts --worker-down
                seconds later.
  worker-kill-after-accept
                the same, after the backend accepted a message and before the worker marked it
                sent: the documented window, where a copy can go twice.
  postgres      PostgreSQL is RESTARTED (down --pg-down seconds).
  smtp          e-mails go over SMTP to an aiosmtpd server this script runs, which is stopped for
                --smtp-down seconds, then started again on the same port.

The fault scenarios use a slow mail backend (or a slow SMTP server) and inject their fault just
after a send began; each prints how many sends were in flight then, and fails when there were
none. Patients send a failed or timed-out request again, and every --double-every-th draft is
submitted with a double click. Afterwards the script waits, sending nothing itself, until beat's
sweeps and the worker have sent every summary e-mail, then checks: no 5xx (except where a
scenario allows them), every accepted submission stored, no intake doubled (per draft and per
submission key), every summary e-mail received by the mail server once by its Message-ID
(except the documented windows), none failed. Exit status 0 when every scenario passed, 1
otherwise, 2 on bad arguments. Redis and PostgreSQL are shared with the machine: their outages
are announced, kept short, and the services always started again, even after an error.
"""

import argparse
import ast
import asyncio
import http.client
import logging
import re
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness  # noqa: E402
from benchmarks.harness import announce, log  # noqa: E402

SCENARIOS = ["load", "redis", "worker-kill", "worker-kill-after-accept", "postgres", "smtp"]
SHARED_SERVICES = {"redis", "postgres"}  # scenarios that stop a service of the whole machine
MESSAGE_ID = re.compile(r"^Message-ID: <followup-(\d+)\.", re.MULTILINE | re.IGNORECASE)
BROKER_DB, CACHE_DB = 9, 10
VISIBILITY_TIMEOUT = 30  # worker-kill: the broker gives unacknowledged messages back after it

TASK_RECEIVED = re.compile(r"Task followups\.tasks\.send_followup\[([0-9a-f-]+)\] received")
TASK_DONE = re.compile(
    r"Task followups\.tasks\.send_followup\[([0-9a-f-]+)\] succeeded in [0-9.]+s: ([^\"]+)\""
)
SWEEP_DONE = re.compile(
    r"Task followups\.tasks\.send_due_followups\[[0-9a-f-]+\] succeeded in [0-9.]+s: (\{[^}]*\})"
)
BEAT_SENT = "Sending due task send-due-followups"
MARK_RETRIED = re.compile(r"Follow-up (\d+) sent, but marking it sent failed \(")
MARK_GAVE_UP = re.compile(r"Follow-up (\d+) sent, but marking it sent failed \d+ times")


# Numeric options: (name, type, default, lowest, highest, help).
OPTIONS = [
    ("duration", int, 60, 1, 3600, "load: seconds of submissions"),
    ("concurrency", int, 32, 1, 256, "load: clients submitting back to back"),
    ("fault-clients", int, 4, 1, 64, "fault scenarios: clients submitting"),
    ("pause", float, 1.0, 0, 60, "fault scenarios: seconds between a client's drafts"),
    ("fault-at", int, 10, 1, 600, "seconds of submissions before a fault"),
    ("after", int, 20, 1, 3600, "seconds of submissions after a fault ended"),
    ("redis-down", int, 30, 1, 600, "redis: seconds Redis stays down"),
    ("pg-down", int, 5, 1, 120, "postgres: seconds PostgreSQL stays down"),
    ("worker-down", int, 5, 0, 600, "worker-kill: seconds without a worker after the kill"),
    ("smtp-down", int, 300, 1, 3600, "smtp: seconds the SMTP server stays down"),
    ("lease", int, 300, 1, 3600, "FOLLOWUP_CLAIM_LEASE, as in production"),
    ("email-timeout", int, 20, 1, 300, "EMAIL_TIMEOUT, as in production"),
    ("sweep-seconds", int, 10, 1, 600, "FOLLOWUP_SWEEP_SECONDS, beat's interval (production: 60)"),
    ("send-delay", float, 0.5, 0.05, 30, "the slow mail backend's seconds per send"),
    ("smtp-delay", float, 0.1, 0.01, 30, "smtp: seconds the server takes per message"),
    ("retry-backoff", int, 5, 1, 3600, "smtp: FOLLOWUP_RETRY_BACKOFF (production: 60)"),
    ("retry-max-delay", int, 20, 1, 86400, "smtp: FOLLOWUP_RETRY_MAX_DELAY (production: 3600)"),
    ("patience", int, 90, 0, 600, "seconds a patient keeps sending a failed request again"),
    ("double-every", int, 10, 0, 10_000, "every n-th draft is double-clicked (0: none)"),
    (
        "redelivery-wait",
        int,
        150,
        0,
        3600,
        "worker-kill: seconds past the visibility timeout to wait for the killed worker's\n"
        "unacknowledged messages to come back (0: do not wait)",
    ),
    ("workers", int, 3, 1, 16, "gunicorn sync workers"),
    ("drain-timeout", int, 300, 10, 7200, "seconds to wait for the outbox, at most"),
]


def parse_args(argv=None):
    parser = harness.OneLineParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "scenarios", nargs="*", metavar="scenario", help=f"any of {', '.join(SCENARIOS)} (all)"
    )
    for name, kind, default, _, _, text in OPTIONS:
        parser.add_argument(
            f"--{name}", type=kind, default=default, help=f"{text}; default {default}"
        )
    parser.add_argument(
        "--conn-max-age", type=int, default=None, help="DB_CONN_MAX_AGE (default: the app's)"
    )
    parser.add_argument(
        "--cache",
        choices=["redis", "locmem"],
        default="redis",
        help="the rate limits' cache: Redis as in docker-compose.yml, or process memory",
    )
    parser.add_argument("--database", default="bench_load", help="PostgreSQL database (bench*)")
    parser.add_argument("--work-dir", default=None, help="logs, e-mails, static files (a temp dir)")
    args = parser.parse_args(argv)
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenario(s) {', '.join(sorted(unknown))}; choose from {SCENARIOS}")
    for name, _, _, low, high, _ in OPTIONS:
        if not low <= getattr(args, name.replace("-", "_")) <= high:
            parser.error(f"--{name} must be between {low} and {high}")
    if args.retry_max_delay < args.retry_backoff:
        parser.error("--retry-max-delay must be at least --retry-backoff")
    if args.smtp_down > 40 * args.retry_max_delay:
        # Each e-mail is tried about every --retry-max-delay seconds during the outage; past
        # FOLLOWUP_MAX_ATTEMPTS (50) it would fail for good.
        parser.error("--smtp-down must be at most 40 times --retry-max-delay (50 attempts at most)")
    if args.conn_max_age is not None and args.conn_max_age < 0:
        parser.error("--conn-max-age must be 0 or more")
    if not args.database.startswith("bench"):
        parser.error("--database must be named bench*")
    return args


# --- Patients ------------------------------------------------------------------------------------


@dataclass
class Draft:
    """One questionnaire a client filled in, identified by its own e-mail address."""

    email: str
    started: float
    double_click: bool = False
    review_posts: int = 0  # review POSTs sent for it, retries and the double click's included
    tokens: list = field(default_factory=list)  # the results pages its review POSTs landed on
    lost: bool = False  # the review sent it back to a step: the server no longer had the draft
    accepted_at: float | None = None

    @property
    def outcome(self):
        if self.tokens:
            return "accepted"
        return "lost" if self.lost else "abandoned"


class Submitters:
    """Patients submitting whole intakes in background threads until finish().

    A request that fails (an exception, a timeout, a 5xx or a 429) is sent again after a pause
    of 0.5-2 s, as a patient would, for up to `patience` seconds; then the draft is abandoned.
    Every `double_every`-th draft's review is POSTed twice at once (a double click: a second
    connection with the same cookies)."""

    def __init__(self, port, clients, tag, *, pause=0.0, patience=90, double_every=0, timeout=15):
        self.port = port
        self.clients = clients
        self.tag = tag
        self.pause = pause
        self.patience = patience
        self.double_every = double_every
        self.timeout = timeout
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.exceptions = Counter()
        self.retries = 0  # requests sent again after an error
        self.drafts = []
        self.stop_event = threading.Event()
        self.threads = []

    def _post(self, client, path, fields):
        """(status, location, tries); status None when no answer came within the patience."""
        deadline = time.monotonic() + self.patience
        tries = 0
        while True:
            tries += 1
            try:
                status, location, _ = client.request("POST", path, fields=fields)
            except (OSError, http.client.HTTPException) as exc:
                status, location = None, ""
                client.close()
                with self.lock:
                    self.exceptions[type(exc).__name__] += 1
            else:
                with self.lock:
                    self.statuses[status] += 1
            if status is not None and status < 500 and status != 429:
                return status, location, tries
            if time.monotonic() >= deadline:
                return status, location, tries
            with self.lock:
                self.retries += 1
            time.sleep(min(2.0, 0.5 * tries))

    def _review(self, client, draft):
        status, location, tries = self._post(client, "/intake/review/", [])
        match = harness.RESULTS_PATH.match(location) if status == 302 else None
        with self.lock:
            draft.review_posts += tries
            if match:
                draft.tokens.append(match.group(1))
                draft.accepted_at = draft.accepted_at or time.monotonic()
            elif status == 302 and "/intake/step/" in location:
                draft.lost = True

    def _submit(self, client, index, number):
        with self.lock:
            count = len(self.drafts) + 1
            draft = Draft(f"patient-{self.tag}-{index}-{number}@example.com", time.monotonic())
            draft.double_click = bool(self.double_every) and count % self.double_every == 0
            self.drafts.append(draft)
        client.forget_session()

        def post(path, fields):
            return self._post(client, path, fields)[0]

        if not harness.answer_steps(client, email=draft.email, post=post):
            return draft
        if not draft.double_click:
            self._review(client, draft)
            return draft
        twin = harness.Client(self.port, timeout=self.timeout)
        twin.csrf, twin.cookies = client.csrf, dict(client.cookies)
        other = threading.Thread(target=self._review, args=(twin, draft), daemon=True)
        other.start()
        self._review(client, draft)
        other.join(self.patience + self.timeout + 30)
        twin.close()
        return draft

    def _run(self, index, deadline):
        client = harness.Client(self.port, timeout=self.timeout)
        number = 0
        while not self.stop_event.is_set() and time.monotonic() < deadline:
            number += 1
            try:
                draft = self._submit(client, index, number)
            except Exception as exc:  # noqa: BLE001  (a bug here is reported, not hidden)
                with self.lock:
                    self.exceptions[f"unexpected {type(exc).__name__}: {exc}"] += 1
                client.close()
                self.stop_event.wait(1)
                continue
            if draft.outcome != "accepted":
                self.stop_event.wait(0.5)  # a failing server must not be hammered
            elif self.pause:
                self.stop_event.wait(self.pause)
        client.close()

    def start(self, max_duration=7200):
        self.started = time.monotonic()
        deadline = self.started + max_duration
        self.threads = [
            threading.Thread(target=self._run, args=(i, deadline), daemon=True)
            for i in range(self.clients)
        ]
        for thread in self.threads:
            thread.start()
        return self

    def finish(self):
        """No new draft from now on; the ones under way end (within the patience)."""
        self.stop_event.set()
        for thread in self.threads:
            thread.join(self.patience * 2 + self.timeout + 60)
        self.elapsed = time.monotonic() - self.started

    def server_errors(self):
        with self.lock:
            return sum(count for status, count in self.statuses.items() if status >= 500)

    def accepted_between(self, start, end):
        with self.lock:
            return [d for d in self.drafts if d.accepted_at and start <= d.accepted_at <= end]


# --- Mail: the files of the file-based backends, and the smtp scenario's server -------------------


def mail_counts(mail_dir):
    """Follow-up id -> how many e-mails were written for it (one file per send)."""
    counts = Counter()
    for path in Path(mail_dir).glob("*.log"):
        counts.update(int(pk) for pk in MESSAGE_ID.findall(path.read_text(errors="replace")))
    return counts


def marker_sends(folder):
    """The slow backend's sends in flight (benchmarks/mailbackend.py): marker -> (follow-up id,
    start in seconds since the epoch)."""
    sends = {}
    for path in Path(folder).iterdir():
        ids, _pid, started = path.name.split("-")
        first = ids.split("+")[0]
        sends[path.name] = (int(first) if first.isdigit() else None, int(started) / 1e9)
    return sends


class MailServer:
    """The smtp scenario's mail server: aiosmtpd on 127.0.0.1, in this process, on a port of its
    own that stays the same across stop() and start(). It takes `delay` seconds to answer the
    end of each message's DATA, and counts a message (by its Message-ID) once it accepted it."""

    def __init__(self, delay, log_path):
        self.port = harness.free_port()
        self.delay = delay
        self.lock = threading.Lock()
        self.received = Counter()
        self.in_flight = {}  # number -> (follow-up id, start in seconds since the epoch)
        self.numbers = 0
        self.controller = None
        mail_log = logging.getLogger("mail.log")  # aiosmtpd's
        mail_log.handlers[:] = [logging.FileHandler(log_path)]
        mail_log.setLevel(logging.INFO)
        mail_log.propagate = False

    async def handle_DATA(self, server, session, envelope):
        content = envelope.content
        if isinstance(content, bytes):
            content = content.decode("utf-8", "replace")
        found = MESSAGE_ID.search(content)
        pk = int(found.group(1)) if found else None
        with self.lock:
            self.numbers += 1
            number = self.numbers
            self.in_flight[number] = (pk, time.time())
        await asyncio.sleep(self.delay)  # a stop() meanwhile: never accepted, never counted
        with self.lock:
            del self.in_flight[number]
            self.received[pk] += 1
        return "250 Message accepted for delivery"

    def start(self):
        from aiosmtpd.controller import Controller

        with self.lock:
            self.in_flight.clear()  # what the last stop() cut off will never be answered
        self.controller = Controller(self, hostname=harness.HOST, port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def sends_in_flight(self):
        with self.lock:
            return dict(self.in_flight)

    def counts(self):
        with self.lock:
            return Counter(self.received)


# --- One scenario ---------------------------------------------------------------------------------


def worker_tasks(log_text):
    """The send_followup task ids a worker received, and the outcome of those it finished."""
    return set(TASK_RECEIVED.findall(log_text)), dict(TASK_DONE.findall(log_text))


class Run:
    """One scenario's processes (gunicorn, a worker, beat, the smtp scenario's mail server), its
    outbox and its checks. `mail`: "file" (the file-based backend), "slow" (the slow one of
    benchmarks/mailbackend.py, --send-delay before the message is written, or after it with
    `delay_after`) or "smtp" (the real SMTP backend, to a MailServer)."""

    def __init__(self, args, name, base_dir, mail="file", delay_after=False, extra_env=None):
        self.args = args
        self.name = name
        self.dir = base_dir / name
        self.mail_dir = self.dir / "mail"
        self.in_flight_dir = self.dir / "in-flight"
        for folder in (self.mail_dir, self.in_flight_dir):
            folder.mkdir(parents=True, exist_ok=True)
        self.mail_server = None
        self.send_time = None  # how long one send takes, in the fault scenarios
        if mail == "slow":
            self.send_time = args.send_delay
            delay = "BENCH_MAIL_DELAY_AFTER" if delay_after else "BENCH_MAIL_DELAY_BEFORE"
            mail_env = {
                "EMAIL_BACKEND": "benchmarks.mailbackend.SlowFileBackend",
                delay: str(args.send_delay),
                "BENCH_MAIL_IN_FLIGHT": str(self.in_flight_dir),
            }
        elif mail == "smtp":
            self.send_time = args.smtp_delay
            self.mail_server = MailServer(args.smtp_delay, self.dir / "smtp-server.log")
            mail_env = {
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": harness.HOST,
                "EMAIL_PORT": str(self.mail_server.port),
                "EMAIL_USE_TLS": "false",
            }
        else:
            mail_env = {}
        self.env = harness.app_env(
            args.database,
            self.dir,
            broker_db=BROKER_DB,
            cache_db=CACHE_DB,
            redis_cache=args.cache == "redis",
            conn_max_age=args.conn_max_age,
            log_level="INFO",
            extra={
                "STATIC_ROOT": str(base_dir / "static"),
                "FOLLOWUP_CLAIM_LEASE": str(args.lease),
                "EMAIL_TIMEOUT": str(args.email_timeout),
                "FOLLOWUP_SWEEP_SECONDS": str(args.sweep_seconds),
                **mail_env,
                **(extra_env or {}),
            },
        )
        self.checks = []
        self.notes = []
        self.figures = {}
        self.probe_drafts = []
        self.server = self.worker = self.beat = None
        self.workers, self.beats = [], []  # every one started, for their logs
        self.sweeps_before = 0  # sweeps done when the fault ended (the drain waits for one more)
        self.fault_at = None  # when the fault was injected (monotonic seconds)

    # processes

    def __enter__(self):
        harness.sql(
            self.args.database, "TRUNCATE intake_intake, followups_followup, django_session CASCADE"
        )
        for db in (BROKER_DB, CACHE_DB):
            harness.redis_cli("flushdb", db=db)
        try:
            if self.mail_server is not None:
                self.mail_server.start()
            self.server = harness.start_gunicorn(self.env, self.dir, self.args.workers)
            self.start_worker()
            self.start_beat()
        except BaseException:
            self.__exit__()
            raise
        log(
            f"[{self.name}] gunicorn pid {self.server.pid} (127.0.0.1:{self.server.port}), "
            f"celery worker pid {self.worker.pid}, celery beat pid {self.beat.pid}"
            + (f", SMTP server 127.0.0.1:{self.mail_server.port}" if self.mail_server else "")
            + f"; logs in {self.dir}"
        )
        return self

    def __exit__(self, *exc):
        for process in (self.beat, self.worker, self.server):
            if process is not None and process.running():
                process.stop()
        if self.mail_server is not None:
            self.mail_server.stop()
        return False

    def start_worker(self, name="worker"):
        self.worker = harness.start_worker(self.env, self.dir, name=name)
        self.workers.append(self.worker)

    def start_beat(self, name="beat"):
        self.beat = harness.start_beat(self.env, self.dir, name=name)
        self.beats.append(self.beat)

    def survived(self, fault):
        """The worker and beat still run after `fault` (checked); one that exited is started
        again, so that the outbox can still be checked."""
        for label, process, restart in (
            ("the worker", self.worker, lambda: self.start_worker("worker-again")),
            ("beat", self.beat, lambda: self.start_beat("beat-again")),
        ):
            alive = process.running()
            self.check(f"{label} runs after {fault}", alive, "running" if alive else "exited")
            if not alive:
                restart()

    def submitters(self, clients, pause=0.0):
        return Submitters(
            self.server.port,
            clients,
            self.name,
            pause=pause,
            patience=self.args.patience,
            double_every=self.args.double_every,
        ).start()

    # what the mail server holds, and what is being sent

    def received(self):
        """Follow-up id -> how many copies the mail server accepted (by Message-ID)."""
        if self.mail_server is not None:
            return self.mail_server.counts()
        return mail_counts(self.mail_dir)

    def sends_in_flight(self):
        """The sends in flight now: key -> (follow-up id, start in seconds since the epoch)."""
        if self.mail_server is not None:
            return self.mail_server.sends_in_flight()
        return marker_sends(self.in_flight_dir)

    def inject_while_sending(self, what, inject, timeout=60):
        """Wait (up to `timeout` s) until a send has just begun, then inject the fault at once;
        returns the sends in flight at the injection and once it had taken effect. A fault that
        found no send in flight fails the scenario."""
        young = min(0.1, self.send_time / 4)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            now = time.time()
            if any(now - started < young for _, started in self.sends_in_flight().values()):
                break
            time.sleep(0.005)
        before = self.sends_in_flight()
        inject()
        self.fault_at = time.monotonic()
        after = self.sends_in_flight()
        pks = sorted(pk for pk, _ in before.values() if pk)
        ids = ", ".join(f"#{pk}" for pk in pks) or "none"
        self.figures["in_flight"] = len(before)
        self.figures["in_flight_ids"] = set(pks)
        self.notes.append(
            f"{what}: {len(before)} send(s) in flight when it was injected ({ids}), "
            f"{len(before.keys() & after.keys())} of them still in flight once it had taken effect"
        )
        self.check(
            "the fault landed while sends were in flight",
            before,
            f"{len(before)} send(s) in flight at the fault",
        )
        return before, after

    def outage(self, what, stop, start, seconds, shared=True):
        """Stop a service while a send is in flight, keep it down `seconds`, start it again
        (also after an error); returns (stopped_at, up_at), monotonic seconds."""
        say = announce if shared else log
        say(
            f"STOPPING {what} for {seconds} s at the next send in flight (fault scenario)"
            + ("; it is started again right after, even if this script fails" if shared else "")
        )
        try:
            self.inject_while_sending(f"{what} stopped", stop)
            stopped_at = time.monotonic()
            time.sleep(seconds)
        finally:
            start()
            up_at = time.monotonic()
        say(f"{what} is running again (down {up_at - stopped_at:.0f} s)")
        self.recovered()
        return stopped_at, up_at

    # the outbox

    def summary_rows(self):
        rows = harness.sql(
            self.args.database,
            "SELECT status, count(*) FROM followups_followup WHERE kind = 'summary' "
            "GROUP BY status",
        )
        return dict(rows)

    def sweeps(self):
        """(sweeps beat sent, sweeps the workers finished, what those sweeps' sends came to)."""
        done, outcomes = 0, Counter()
        for worker in self.workers:
            for found in SWEEP_DONE.findall(worker.log_text()):
                done += 1
                outcomes.update(ast.literal_eval(found))
        published = sum(beat.log_text().count(BEAT_SENT) for beat in self.beats)
        return published, done, outcomes

    def recovered(self):
        """The fault is over: the drain waits for a sweep of beat's finished after this."""
        self.sweeps_before = self.sweeps()[1]

    def worker_log_matches(self, pattern):
        return [int(pk) for worker in self.workers for pk in pattern.findall(worker.log_text())]

    def drain(self):
        """Wait, sending nothing, until the worker and beat's sweeps have left no summary pending
        or being sent, and a sweep has finished since the fault ended; for at most
        --drain-timeout seconds past the time when claims a fault left behind are surely taken
        again (their lease, then two sweeps)."""
        args = self.args
        start = time.monotonic()
        deadline = start + args.drain_timeout
        if self.fault_at is not None:
            leases_out = self.fault_at + args.lease + 2 * args.sweep_seconds + 5
            deadline = max(start, leases_out) + args.drain_timeout
        last_log = start
        while True:
            rows = self.summary_rows()
            open_rows = rows.get("pending", 0) + rows.get("sending", 0)
            swept = self.sweeps()[1] > self.sweeps_before
            now = time.monotonic()
            if open_rows == 0 and swept:
                break
            if now >= deadline:
                log(f"[{self.name}] gave up waiting for the outbox after {now - start:.0f} s")
                break
            if now - last_log >= 30:
                log(f"[{self.name}] outbox: {rows}; a sweep since the fault: {swept}")
                last_log = now
            time.sleep(1)
        log(f"[{self.name}] outbox after {time.monotonic() - start:.0f} s of waiting: {rows}")

    # checks

    def check(self, label, ok, detail=""):
        self.checks.append((label, bool(ok), detail))

    def verify(self, load, allow_5xx=False, window=frozenset(), window_why=""):
        """The checks every scenario shares. `window`: follow-ups allowed to arrive twice (the
        documented window: accepted by the mail server, not marked sent)."""
        drafts = load.drafts + self.probe_drafts
        accepted = [d for d in drafts if d.outcome == "accepted"]
        abandoned = [d for d in drafts if d.outcome == "abandoned"]
        server_lost = [d for d in drafts if d.outcome == "lost"]
        intakes = harness.sql(
            self.args.database, "SELECT token, email, submission_key FROM intake_intake"
        )
        email_of = {token: email for token, email, _ in intakes}
        per_draft = Counter(email for _, email, _ in intakes)
        per_key = Counter(key for _, _, key in intakes if key)
        without_key = sum(1 for _, _, key in intakes if not key)
        not_stored = [d for d in accepted if any(t not in email_of for t in d.tokens)]
        wrong_page = [
            d for d in accepted if any(email_of.get(t, d.email) != d.email for t in d.tokens)
        ]
        two_pages = [d for d in accepted if len(set(d.tokens)) > 1]
        doubled = [email for email, n in per_draft.items() if n > 1]
        doubled_keys = [key for key, n in per_key.items() if n > 1]
        repeated = [d for d in accepted if d.review_posts > 1]
        clicked = sum(1 for d in repeated if d.double_click)
        unconfirmed = {d.email for d in drafts if d.outcome != "accepted"} & set(per_draft)

        errors_5xx = load.server_errors()
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(load.statuses.items()))
        exceptions = ", ".join(f"{k}: {v}" for k, v in load.exceptions.most_common()) or "none"
        times = harness.summarize_ms([(d.accepted_at - d.started) * 1000 for d in accepted])
        self.notes.append(
            f"{len(accepted)} submissions accepted, {len(abandoned)} abandoned after "
            f"{self.args.patience} s of tries, {len(server_lost)} sent back to a step, in "
            f"{load.elapsed:.0f} s ({len(accepted) / load.elapsed:.1f}/s; p50 "
            f"{times['p50']:.0f} ms, p99 {times['p99']:.0f} ms per whole submission, tries "
            f"included); HTTP statuses {statuses}; requests sent again after an error: "
            f"{load.retries}; client exceptions: {exceptions}"
        )
        if allow_5xx:
            self.notes.append(f"5xx responses during the fault: {errors_5xx} (allowed, reported)")
        else:
            self.check("no 5xx responses", errors_5xx == 0, f"{errors_5xx} responses >= 500")
        self.check(
            "every accepted submission stored",
            not not_stored,
            f"{len(accepted)} accepted, {len(not_stored)} of them not stored",
        )
        self.check(
            "no intake doubled",
            not (doubled or doubled_keys or two_pages or wrong_page or without_key),
            f"{len(intakes)} intakes from {len(drafts)} drafts; {len(doubled)} drafts with more "
            f"than one (by e-mail), {len(doubled_keys)} submission keys with more than one, "
            f"{len(two_pages)} drafts shown two results pages, {len(wrong_page)} shown another "
            f"draft's, {without_key} intakes without a submission key",
        )
        self.check(
            "a repeated review POST lands on its draft's results page",
            (repeated or not self.args.double_every) and not two_pages,
            f"{len(repeated)} drafts whose review was POSTed more than once ({clicked} double "
            f"clicks, {len(repeated) - clicked} after an error), {len(two_pages)} on two pages",
        )
        self.check(
            "no draft lost by the server",
            not server_lost,
            f"{len(server_lost)} review POSTs sent back to a step",
        )
        if unconfirmed:
            self.notes.append(
                f"{len(unconfirmed)} intake(s) stored for drafts whose patient gave up (stored, "
                "then the answer never arrived); their e-mails are sent like any other"
            )

        received = self.received()
        summaries = dict(
            harness.sql(
                self.args.database,
                "SELECT id, status FROM followups_followup WHERE kind = 'summary'",
            )
        )
        opted_in = harness.sql(
            self.args.database,
            "SELECT count(*) FROM intake_intake WHERE followup_opt_in AND email <> ''",
        )[0][0]
        by_status = Counter(summaries.values())
        missing = [pk for pk in summaries if received[pk] == 0]
        twice = {pk: n for pk, n in received.items() if n > 1}
        outside = {pk for pk in twice if pk not in window}
        self.check(
            "a summary follow-up per stored intake, every one sent, none failed",
            len(summaries) == opted_in == len(intakes) and by_status["sent"] == len(summaries),
            f"{opted_in} opted-in intakes, {len(summaries)} summary rows: "
            + ", ".join(f"{status} {n}" for status, n in sorted(by_status.items())),
        )
        self.check(
            "every summary e-mail received by the mail server (none lost)",
            not missing,
            f"{len(summaries) - len(missing)} of {len(summaries)} received, {len(missing)} missing",
        )
        if window_why:
            self.check(
                "an e-mail received twice only in the documented window",
                not outside,
                f"{len(twice)} received twice, {len(twice) - len(outside)} of them in the "
                f"window ({window_why}: {len(window)}), {len(outside)} outside it",
            )
        else:
            self.check("no e-mail received twice", not twice, f"{len(twice)} received twice")
        published, done, outcomes = self.sweeps()
        after_fault = self.fault_at is not None
        self.check(
            "beat's sweeps ran" + (" after the fault" if after_fault else ""),
            done > self.sweeps_before,
            f"beat sent {published} sweeps, the workers finished {done}"
            + (f" ({done - self.sweeps_before} after the fault)" if after_fault else "")
            + ", whose outcomes came to "
            + (", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) or "nothing"),
        )
        self.figures.update(
            accepted=len(accepted),
            abandoned=len(abandoned),
            doubled=len(doubled) + len(doubled_keys),
            lost=len(not_stored),
            summaries=len(summaries),
            received=len(summaries) - len(missing),
            twice=len(twice),
            failed=by_status["failed"],
        )
        return received, twice

    def probe(self, label="the app recovers: 3 submissions in a row accepted", timeout=60):
        """After a fault: whole submissions (no retries) are accepted again, and how soon."""
        start = time.monotonic()
        client = harness.Client(self.server.port)
        streak, attempts = 0, 0
        while time.monotonic() - start < timeout and streak < 3:
            attempts += 1
            draft = Draft(f"probe-{self.name}-{attempts}@example.com", time.monotonic())
            self.probe_drafts.append(draft)
            try:
                token = harness.submit_intake(client, email=draft.email)
            except (OSError, http.client.HTTPException):
                token = None
                client.close()
            if token:
                draft.tokens.append(token)
                draft.accepted_at = time.monotonic()
                streak += 1
            else:
                streak = 0
                time.sleep(0.5)
        client.close()
        self.check(label, streak >= 3, f"after {time.monotonic() - start:.1f} s, {attempts} tries")

    def print_summary(self):
        passed = sum(ok for _, ok, _ in self.checks)
        verdict = "PASS" if passed == len(self.checks) else "FAIL"
        print()
        print(f"=== scenario {self.name}: {verdict} ===")
        for note in self.notes:
            print(f"  - {note}")
        for label, ok, detail in self.checks:
            print(f"  {'PASS' if ok else 'FAIL'}  {label}: {detail}")
        f = Counter(self.figures)
        in_flight = f"{f['in_flight']} in flight at the fault" if "fault" in f else "no fault"
        print(
            f"VERDICT {self.name}: {verdict} — {f['accepted']} submissions accepted, "
            f"{f['abandoned']} abandoned, {f['lost']} lost, {f['doubled']} doubled; "
            f"{f['received']} of {f['summaries']} e-mails received, {f['twice']} twice, "
            f"{f['failed']} failed; sends: {in_flight}; {passed} of {len(self.checks)} checks "
            "passed",
            flush=True,
        )
        return verdict


# --- The scenarios ------------------------------------------------------------------------------


def run_load(args, base_dir):
    with Run(args, "load", base_dir) as run:
        log(f"[load] {args.concurrency} clients submitting for {args.duration} s")
        load = run.submitters(args.concurrency)
        time.sleep(args.duration)
        load.finish()
        run.drain()
        run.verify(load)
    return run


def fault_scenario(args, base_dir, name, fault, after_drain=None, **run_options):
    """The fault scenarios' course: --fault-clients clients submit; after --fault-at seconds,
    `fault(run, load)` injects the fault while a send is in flight and ends it (returning what
    the checks need); --after seconds more of submissions; the worker and beat must still run;
    the outbox is left to them; `after_drain(run, load, found)` adds the scenario's own checks
    and returns verify()'s arguments."""
    with Run(args, name, base_dir, **run_options) as run:
        run.figures["fault"] = True
        log(f"[{name}] {args.fault_clients} clients submitting, {args.pause} s between drafts")
        load = run.submitters(args.fault_clients, pause=args.pause)
        time.sleep(args.fault_at)
        found = fault(run, load) or {}
        time.sleep(args.after)
        load.finish()
        if found.get("probe"):
            run.probe()
        run.survived(found.get("what", "the fault"))
        run.drain()
        run.verify(load, **(after_drain(run, load, found) if after_drain else {}))
    return run


def redis_fault(run, load):
    errors_before = load.server_errors()
    stopped_at, up_at = run.outage(
        "Redis on 127.0.0.1:6379", harness.redis_stop, harness.redis_start, run.args.redis_down
    )
    during = len(load.accepted_between(stopped_at, up_at))
    errors = load.server_errors() - errors_before
    run.notes.append(
        f"while Redis was down: {during} submissions accepted, {errors} responses >= 500"
    )
    run.check(
        "submissions accepted while Redis was down",
        during > 0 and errors == 0,
        f"{during} accepted, {errors} 5xx",
    )
    return {"what": "the Redis outage"}


def postgres_fault(run, load):
    errors_before = load.server_errors()
    _, up_at = run.outage(
        "PostgreSQL on 127.0.0.1:5432", harness.pg_stop, harness.pg_start, run.args.pg_down
    )
    wait = time.monotonic() + 60
    while time.monotonic() < wait and not load.accepted_between(up_at, time.monotonic()):
        time.sleep(0.1)
    run.notes.append(
        f"first submission accepted {time.monotonic() - up_at:.1f} s after PostgreSQL was up; "
        f"responses >= 500 since the stop: {load.server_errors() - errors_before}"
    )
    return {"what": "the PostgreSQL restart", "probe": True}


def postgres_checks(run, load, found):
    """Sends that ended while PostgreSQL was down were marked sent after retries; those whose
    marking never succeeded went again after the lease: the documented window."""
    retried = set(run.worker_log_matches(MARK_RETRIED))
    gave_up = set(run.worker_log_matches(MARK_GAVE_UP))
    run.notes.append(
        f"{len(retried)} send(s) ended while the database was unreachable and marking them sent "
        f"was tried again; {len(gave_up)} could not be marked (sent again after the lease)"
    )
    return {"allow_5xx": True, "window": gave_up, "window_why": "marking sent gave up"}


def worker_kill_fault(run, load):
    killed = run.worker
    _, after = run.inject_while_sending(
        "the worker killed (SIGKILL to its process group)", killed.kill9
    )
    killed_at = time.monotonic()
    # The killed processes left their markers: those are the sends the kill cut off.
    in_flight = {pk for pk, _ in after.values()}
    received = run.received()
    accepted = {pk for pk in in_flight if received[pk]}
    run.notes.append(
        f"at the kill: {len(in_flight)} follow-up(s) being sent, {len(accepted)} of them already "
        "accepted by the mail backend"
    )
    time.sleep(run.args.worker_down)
    run.start_worker("worker-restarted")
    log(f"[{run.name}] worker restarted after {time.monotonic() - killed_at:.0f} s")
    run.recovered()
    # The abandoned claims keep their rows open until their lease ran out and a sweep took
    # them (the drain waits for that); meanwhile the broker's visibility timeout redelivers the
    # killed worker's unacknowledged messages, which must find nothing to send.
    return {
        "what": "the kill",
        "killed": killed,
        "killed_at": killed_at,
        "in_flight": in_flight,
        "accepted": accepted,
    }


def worker_kill_checks(run, load, found, after_accept):
    args, in_flight, accepted = run.args, found["in_flight"], found["accepted"]
    killed_received, killed_done = worker_tasks(found["killed"].log_text())
    unfinished = killed_received - set(killed_done)
    # kombu gives unacknowledged messages back once they are older than the visibility
    # timeout, but checks for them only now and then: wait for them (bounded), then check.
    redelivery_wait = 0 if after_accept else args.redelivery_wait
    wait_until = found["killed_at"] + VISIBILITY_TIMEOUT + redelivery_wait
    waited = False
    while unfinished and time.monotonic() < wait_until:
        waited = True
        if unfinished <= set(worker_tasks(run.worker.log_text())[1]):
            break
        time.sleep(2)
    if waited:
        run.drain()
    again_received, again_done = worker_tasks(run.worker.log_text())
    redelivered = unfinished & again_received
    outcomes = Counter(again_done.get(task, "not finished") for task in redelivered)
    run.notes.append(
        f"the killed worker left {len(unfinished)} task message(s) unacknowledged; "
        f"{len(redelivered)} were delivered again to the new worker (visibility timeout "
        f"{VISIBILITY_TIMEOUT} s), outcomes: "
        + (", ".join(f"{k} {v}" for k, v in outcomes.items()) or "-")
        + " ('None': the claim was refused, nothing was sent)"
    )
    received = run.received()
    run.notes.append(
        "e-mails received per follow-up being sent at the kill: "
        + (", ".join(f"#{pk}: {received[pk]}" for pk in sorted(in_flight, key=str)) or "none")
    )
    if after_accept:
        run.check(
            "the kill landed in the window (a send accepted, not yet marked sent)",
            accepted,
            f"{len(accepted)} of {len(in_flight)} in flight already accepted",
        )
        return {"window": accepted, "window_why": "accepted before the kill"}
    run.check(
        "the sends cut off by the kill went out once, after the lease",
        in_flight and all(received[pk] == 1 for pk in in_flight),
        f"{len(in_flight)} cut off, "
        f"{sum(1 for pk in in_flight if received[pk] == 1)} received once",
    )
    return {}


def smtp_fault(run, load):
    """Stops the SMTP server inside a message's DATA; returns the follow-ups being sent."""
    args, server = run.args, run.mail_server
    run.notes.append(
        f"FOLLOWUP_RETRY_BACKOFF={args.retry_backoff} s and FOLLOWUP_RETRY_MAX_DELAY="
        f"{args.retry_max_delay} s for this run (production: 60 and 3600), so that the retries "
        "happen within it; FOLLOWUP_RETRY_FOR stays a day; the real SMTP backend "
        f"(EMAIL_USE_TLS=false) to aiosmtpd, which takes {args.smtp_delay} s per message"
    )
    run.outage(
        f"the SMTP server (127.0.0.1:{server.port})",
        server.stop,
        server.start,
        run.args.smtp_down,
        shared=False,
    )
    return {"what": "the SMTP outage", "in_flight": run.figures["in_flight_ids"]}


def smtp_checks(run, load, found):
    retried, most = harness.sql(
        run.args.database,
        "SELECT count(*), coalesce(max(attempts), 0) FROM followups_followup "
        "WHERE kind = 'summary' AND attempts > 1",
    )[0]
    run.check(
        "the outage made sends fail, and they were tried again",
        retried > 0,
        f"{retried} e-mails took more than one attempt, {most} at most",
    )
    cut_off = sorted(found["in_flight"])
    if cut_off:
        rows = harness.sql(
            run.args.database,
            "SELECT id, status, attempts FROM followups_followup WHERE id = ANY(%s)",
            [cut_off],
        )
        received = run.received()
        run.notes.append(
            "the follow-ups being sent at the stop: "
            + ", ".join(
                f"#{pk}: {status} after {attempts} attempts, received {received[pk]} time(s)"
                for pk, status, attempts in sorted(rows)
            )
        )
    return {}


def run_smtp(args, base_dir):
    retries = {
        "FOLLOWUP_RETRY_BACKOFF": str(args.retry_backoff),
        "FOLLOWUP_RETRY_MAX_DELAY": str(args.retry_max_delay),
    }
    return fault_scenario(
        args, base_dir, "smtp", smtp_fault, smtp_checks, mail="smtp", extra_env=retries
    )


def run_worker_kill(args, base_dir, after_accept=False):
    return fault_scenario(
        args,
        base_dir,
        "worker-kill-after-accept" if after_accept else "worker-kill",
        worker_kill_fault,
        lambda run, load, found: worker_kill_checks(run, load, found, after_accept),
        mail="slow",
        delay_after=after_accept,
        extra_env={"BENCH_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)},
    )


RUNNERS = {
    "load": run_load,
    "redis": lambda args, base_dir: fault_scenario(
        args, base_dir, "redis", redis_fault, mail="slow"
    ),
    "worker-kill": run_worker_kill,
    "worker-kill-after-accept": lambda args, base_dir: run_worker_kill(args, base_dir, True),
    "postgres": lambda args, base_dir: fault_scenario(
        args, base_dir, "postgres", postgres_fault, postgres_checks, mail="slow"
    ),
    "smtp": run_smtp,
}


def run_scenarios(args, scenarios, base_dir):
    """Runs each scenario; True when every one passed."""
    env = harness.app_env(args.database, base_dir, extra={"STATIC_ROOT": str(base_dir / "static")})
    harness.prepare_database(args.database, env, fresh=True)
    verdicts = []
    for name in scenarios:
        started = time.monotonic()
        try:
            verdict = RUNNERS[name](args, base_dir).print_summary()
        except Exception as exc:  # noqa: BLE001  (one broken scenario must not hide the others)
            log(f"[{name}] ERROR: {type(exc).__name__}: {exc}")
            traceback.print_exc()
            print(f"VERDICT {name}: ERROR — {type(exc).__name__}", flush=True)
            verdict = "ERROR"
        finally:
            if name in SHARED_SERVICES:
                harness.restore_services()
        verdicts.append((name, verdict, time.monotonic() - started))
        for db in (BROKER_DB, CACHE_DB):
            harness.redis_cli("flushdb", db=db)
    print("\n=== summary ===")
    for name, verdict, seconds in verdicts:
        print(f"  {verdict:<5} {name} ({seconds:.0f} s)")
    return all(verdict == "PASS" for _, verdict, _ in verdicts)


def main(argv=None):
    args = parse_args(argv)
    scenarios = args.scenarios or SCENARIOS
    print(f"benchmarks/load_and_faults.py — {harness.machine_note()}", flush=True)
    if not harness.pg_ready() or not harness.redis_ready():
        print(
            "PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) must be running.",
            file=sys.stderr,
        )
        return 1
    base_dir = Path(args.work_dir or tempfile.mkdtemp(prefix="resurfacing-faults-"))
    base_dir.mkdir(parents=True, exist_ok=True)
    log(
        f"work directory {base_dir}; gunicorn {args.workers} sync workers, Celery worker "
        f"(prefork, 2 processes) and beat; DB_CONN_MAX_AGE="
        f"{harness.conn_max_age_note(args.conn_max_age)}, rate-limit cache {args.cache}, "
        f"FOLLOWUP_CLAIM_LEASE={args.lease}, EMAIL_TIMEOUT={args.email_timeout}, "
        f"FOLLOWUP_SWEEP_SECONDS={args.sweep_seconds} (beat); clients: {args.concurrency} (load), "
        f"{args.fault_clients} (faults); a patient retries for {args.patience} s"
    )
    # Every process started is stopped, and Redis and PostgreSQL are started again if a
    # scenario left them down, also after an error or Ctrl-C.
    with harness.managed(restore=bool(SHARED_SERVICES & set(scenarios))):
        passed = run_scenarios(args, scenarios, base_dir)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
