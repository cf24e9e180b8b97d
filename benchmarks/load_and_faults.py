"""Load and fault runs of the whole system: gunicorn, a real Celery worker, Redis, PostgreSQL.

    .venv/bin/python benchmarks/load_and_faults.py                      # every scenario
    .venv/bin/python benchmarks/load_and_faults.py load redis --duration 60

Scenarios (issue 6, "Reliability"), each on a clean outbox in the PostgreSQL database
`bench_load`, with follow-up opt-in on every submission and e-mails written to files:

  load          --concurrency clients submit intakes for --duration seconds.
  redis         Redis is STOPPED for --redis-down seconds during submissions, then started.
  worker-kill   the Celery worker is killed (SIGKILL, whole process group) while e-mails are
                being sent (a slow mail server: the kill lands before it accepted the message),
                then restarted; --slow-clients clients submit, one a second each.
  worker-kill-after-accept
                the same, but the kill lands after the mail server accepted a message and before
                the worker marked it sent: the documented window, where a copy can go twice.
  postgres      PostgreSQL is RESTARTED (stopped for --pg-down seconds) during submissions.

Afterwards the outbox is drained (the worker, then `manage.py send_due_followups`) and checked:
no 5xx (except where a scenario allows them), every accepted submission (302 to its results
page) stored, every opted-in summary e-mail sent exactly once (one file per Message-ID) and
marked sent. Redis and PostgreSQL are shared with other users of this machine: outages are
announced, kept short, and the services are always started again, even after an error.
"""

import argparse
import re
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness  # noqa: E402
from benchmarks.harness import announce, log  # noqa: E402

SCENARIOS = ["load", "redis", "worker-kill", "worker-kill-after-accept", "postgres"]
MESSAGE_ID = re.compile(r"^Message-ID: <followup-(\d+)\.", re.MULTILINE)
BROKER_DB, CACHE_DB = 9, 10


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "scenarios", nargs="*", metavar="scenario", help=f"any of {', '.join(SCENARIOS)} (all)"
    )
    parser.add_argument("--duration", type=int, default=60, help="load scenario, seconds")
    parser.add_argument(
        "--fault-duration", type=int, default=50, help="seconds of submissions in fault runs"
    )
    parser.add_argument("--fault-at", type=int, default=10, help="seconds before the fault")
    parser.add_argument("--redis-down", type=int, default=30, help="seconds Redis stays down")
    parser.add_argument("--pg-down", type=int, default=5, help="seconds PostgreSQL stays down")
    parser.add_argument("--worker-down", type=int, default=5, help="seconds without a worker")
    parser.add_argument("--lease", type=int, default=10, help="FOLLOWUP_CLAIM_LEASE for the run")
    parser.add_argument(
        "--redelivery-wait",
        type=int,
        default=150,
        help="worker-kill: seconds past the visibility timeout to wait for the killed worker's "
        "unacknowledged messages to come back (0: do not wait)",
    )
    parser.add_argument("--send-delay", type=float, default=0.5, help="slow mail server, seconds")
    parser.add_argument(
        "--slow-clients",
        type=int,
        default=4,
        help="worker-kill: clients submitting, each pausing 1 s after each submission",
    )
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument(
        "--conn-max-age", type=int, default=None, help="DB_CONN_MAX_AGE (default: the app's)"
    )
    parser.add_argument(
        "--cache",
        choices=["redis", "locmem"],
        default="redis",
        help="the rate limits' cache: Redis as in docker-compose.yml, or process memory",
    )
    parser.add_argument("--database", default="bench_load")
    parser.add_argument("--drain-timeout", type=int, default=180, help="seconds, at most")
    parser.add_argument("--work-dir", default=None)
    args = parser.parse_args()
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenario(s) {', '.join(sorted(unknown))}; choose from {SCENARIOS}")
    return args


class Submitters:
    """`concurrency` patients submitting whole intakes, in background threads, until stopped."""

    def __init__(self, port, concurrency, pause=0.0):
        self.port = port
        self.concurrency = concurrency
        self.pause = pause  # seconds each client waits after each submission
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.exceptions = Counter()
        self.tokens = []
        self.refused = 0
        self.latencies_ms = []
        self.timeline = []  # (seconds since start, accepted?) per submission
        self.stop_event = threading.Event()
        self.threads = []

    def _run(self, index, deadline):
        client = harness.Client(self.port, timeout=30)
        number = 0
        while not self.stop_event.is_set() and time.monotonic() < deadline:
            number += 1
            statuses = []
            start = time.perf_counter()
            try:
                token = harness.submit_intake(
                    client, email=f"patient-{index}-{number}@example.com", statuses=statuses
                )
                error = None
            except Exception as exc:  # noqa: BLE001  (counted and reported)
                token, error = None, type(exc).__name__
                client.close()
            elapsed = (time.perf_counter() - start) * 1000
            with self.lock:
                self.statuses.update(statuses)
                if error:
                    self.exceptions[error] += 1
                if token:
                    self.tokens.append(token)
                    self.latencies_ms.append(elapsed)
                else:
                    self.refused += 1
                self.timeline.append((time.monotonic() - self.started, bool(token)))
            if not token:
                time.sleep(0.2)  # a failing server must not be hammered in a tight loop
            elif self.pause:
                self.stop_event.wait(self.pause)
        client.close()

    def start(self, duration):
        self.started = time.monotonic()
        deadline = self.started + duration
        self.threads = [
            threading.Thread(target=self._run, args=(i, deadline), daemon=True)
            for i in range(self.concurrency)
        ]
        for thread in self.threads:
            thread.start()
        return self

    def join(self, timeout):
        for thread in self.threads:
            thread.join(timeout)
        self.elapsed = time.monotonic() - self.started

    def server_errors(self):
        return sum(count for status, count in self.statuses.items() if status >= 500)


TASK_RECEIVED = re.compile(r"Task followups\.tasks\.send_followup\[([0-9a-f-]+)\] received")
TASK_DONE = re.compile(
    r"Task followups\.tasks\.send_followup\[([0-9a-f-]+)\] succeeded in [0-9.]+s: ([^\"]+)\""
)


def worker_tasks(log_text):
    """The send_followup task ids a worker received, and the outcome of those it finished."""
    return set(TASK_RECEIVED.findall(log_text)), dict(TASK_DONE.findall(log_text))


def mail_counts(mail_dir):
    """Follow-up id -> how many e-mails were written for it (one file per send)."""
    counts = Counter()
    for path in Path(mail_dir).glob("*.log"):
        counts.update(int(pk) for pk in MESSAGE_ID.findall(path.read_text(errors="replace")))
    return counts


class Run:
    """One scenario's processes, database state and checks."""

    def __init__(self, args, name, base_dir, extra_env=None):
        self.args = args
        self.name = name
        self.dir = base_dir / name
        (self.dir / "mail").mkdir(parents=True, exist_ok=True)
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
                "EMAIL_TIMEOUT": "2",
                **(extra_env or {}),
            },
        )
        self.checks = []
        self.notes = []
        self.probe_tokens = []
        self.server = None
        self.worker = None

    def start(self):
        harness.sql(
            self.args.database, "TRUNCATE intake_intake, followups_followup, django_session CASCADE"
        )
        for db in (BROKER_DB, CACHE_DB):
            harness.redis_cli("flushdb", db=db)
        self.server = harness.start_gunicorn(self.env, self.dir, self.args.workers)
        self.worker = harness.start_worker(self.env, self.dir)
        log(
            f"[{self.name}] gunicorn pid {self.server.pid} (127.0.0.1:{self.server.port}), "
            f"celery worker pid {self.worker.pid}; logs in {self.dir}"
        )

    def stop(self):
        for process in (self.worker, self.server):
            if process is not None and process.running():
                process.stop()

    def check(self, label, ok, detail=""):
        self.checks.append((label, bool(ok), detail))

    def summary_rows(self):
        rows = harness.sql(
            self.args.database,
            "SELECT status, count(*) FROM followups_followup WHERE kind = 'summary' "
            "GROUP BY status",
        )
        return dict(rows)

    def sweep(self):
        output = harness.manage(self.env, "send_due_followups", timeout=300).strip()
        log(f"[{self.name}] send_due_followups: {output}")
        return output

    def drain(self, not_before=0.0):
        """Let the worker send what was queued, sweeping as beat would (every 15 s, or as soon
        as the queue is empty), until no summary is left unsent and `not_before` has passed."""
        deadline = time.monotonic() + self.args.drain_timeout
        sweeps, last_sweep = 0, time.monotonic()
        while time.monotonic() < deadline:
            rows = self.summary_rows()
            open_rows = rows.get("pending", 0) + rows.get("sending", 0)
            if open_rows == 0 and time.monotonic() >= not_before:
                break
            queued = int(harness.redis_cli("llen", "celery", db=BROKER_DB).stdout.strip() or 0)
            if open_rows and (queued == 0 or time.monotonic() - last_sweep > 15):
                self.sweep()
                sweeps, last_sweep = sweeps + 1, time.monotonic()
            time.sleep(2)
        log(f"[{self.name}] outbox drained after {sweeps} sweep(s): {self.summary_rows()}")

    def verify(self, load, allow_5xx=False):
        """The checks every scenario shares."""
        accepted = set(load.tokens) | set(self.probe_tokens)
        stored = {
            token for (token,) in harness.sql(self.args.database, "SELECT token FROM intake_intake")
        }
        lost = accepted - stored
        unconfirmed = stored - accepted
        errors_5xx = load.server_errors()
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(load.statuses.items()))
        exceptions = ", ".join(f"{k}: {v}" for k, v in load.exceptions.most_common()) or "none"
        sub = harness.summarize_ms(load.latencies_ms)
        self.notes.append(
            f"{len(accepted)} submissions accepted, {load.refused} not accepted, in "
            f"{load.elapsed:.0f} s ({len(accepted) / load.elapsed:.1f}/s; p50 {sub['p50']:.0f} "
            f"ms, p99 {sub['p99']:.0f} ms per whole submission); HTTP statuses {statuses}; "
            f"client exceptions: {exceptions}"
        )
        if allow_5xx:
            self.notes.append(f"5xx responses during the fault: {errors_5xx} (allowed, reported)")
        else:
            self.check("no 5xx responses", errors_5xx == 0, f"{errors_5xx} responses >= 500")
        self.check(
            "every accepted submission stored",
            not lost,
            f"{len(accepted)} accepted, {len(stored)} intakes stored, {len(lost)} lost",
        )
        if unconfirmed:
            self.notes.append(
                f"{len(unconfirmed)} intake(s) stored whose patient saw an error (committed, "
                "then the response failed); their follow-ups are sent like any other"
            )
        mails = mail_counts(self.dir / "mail")
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
        not_sent = [pk for pk, status in summaries.items() if status != "sent"]
        missing = [pk for pk in summaries if mails[pk] == 0]
        duplicated = {pk: n for pk, n in mails.items() if n > 1}
        self.duplicated = duplicated
        self.check(
            "a summary follow-up row per stored intake (all opted in), all marked sent",
            len(summaries) == opted_in == len(stored) and not not_sent,
            f"{opted_in} opted-in intakes, {len(summaries)} summary rows, {len(not_sent)} not sent",
        )
        self.check(
            "every summary e-mail written (at least once)",
            not missing,
            f"{sum(1 for pk in summaries if mails[pk])} of {len(summaries)} written, "
            f"{len(missing)} missing",
        )
        return mails, duplicated

    def exactly_once(self, duplicated, allowed=0, why=""):
        detail = f"{len(duplicated)} sent more than once"
        if allowed:
            detail += f" (at most {allowed} allowed: {why})"
        self.check("no e-mail sent twice" if not allowed else "duplicates only in the SMTP "
                   "window", len(duplicated) <= allowed, detail)  # fmt: skip

    def probe(self, label="the app recovers: 3 submissions in a row accepted", timeout=60):
        """After a fault: submissions are accepted again, and how long that took."""
        start = time.monotonic()
        client = harness.Client(self.server.port)
        streak, attempts = 0, 0
        while time.monotonic() - start < timeout and streak < 3:
            attempts += 1
            try:
                token = harness.submit_intake(client, email=f"probe-{attempts}@example.com")
                streak = streak + 1 if token else 0
                if token:
                    self.probe_tokens.append(token)
            except Exception:  # noqa: BLE001
                streak = 0
                client.close()
                time.sleep(0.5)
        client.close()
        self.check(label, streak >= 3, f"after {time.monotonic() - start:.1f} s, {attempts} tries")
        return streak >= 3

    def print_summary(self):
        verdict = "PASS" if all(ok for _, ok, _ in self.checks) else "FAIL"
        print()
        print(f"=== scenario {self.name}: {verdict} ===")
        for note in self.notes:
            print(f"  - {note}")
        for label, ok, detail in self.checks:
            print(f"  {'PASS' if ok else 'FAIL'}  {label}: {detail}")
        print(flush=True)
        return verdict


def run_load(args, base_dir):
    run = Run(args, "load", base_dir)
    run.start()
    try:
        log(f"[load] {args.concurrency} clients submitting for {args.duration} s")
        load = Submitters(run.server.port, args.concurrency).start(args.duration)
        load.join(args.duration + 60)
        run.drain()
        mails, duplicated = run.verify(load)
        run.exactly_once(duplicated)
    finally:
        run.stop()
    return run


def run_redis(args, base_dir):
    run = Run(args, "redis", base_dir)
    run.start()
    try:
        load = Submitters(run.server.port, args.concurrency).start(args.fault_duration)
        time.sleep(args.fault_at)
        announce(
            f"STOPPING Redis on 127.0.0.1:6379 for {args.redis_down} s (fault scenario); it is "
            "started again right after, even if this script fails"
        )
        accepted_before = len(load.tokens)
        errors_before = load.server_errors()
        harness.redis_stop()
        down_at = time.monotonic()
        try:
            time.sleep(args.redis_down)
            accepted_during = len(load.tokens) - accepted_before
            errors_during = load.server_errors() - errors_before
        finally:
            harness.redis_start()
            announce(f"Redis is running again (down {time.monotonic() - down_at:.0f} s)")
        run.notes.append(
            f"while Redis was down: {accepted_during} submissions accepted, "
            f"{errors_during} responses >= 500"
        )
        run.check(
            "submissions accepted while Redis was down",
            accepted_during > 0 and errors_during == 0,
            f"{accepted_during} accepted, {errors_during} 5xx",
        )
        load.join(args.fault_duration + 60)
        alive = run.worker.running()
        run.check("the worker survived the outage", alive, "still running" if alive else "exited")
        if not alive:
            run.worker = harness.start_worker(run.env, run.dir)
        run.drain()
        mails, duplicated = run.verify(load)
        run.exactly_once(duplicated)
    finally:
        run.stop()
    return run


def run_worker_kill(args, base_dir, after_accept=False):
    name = "worker-kill-after-accept" if after_accept else "worker-kill"
    delay = {"BENCH_MAIL_DELAY_AFTER" if after_accept else "BENCH_MAIL_DELAY_BEFORE": str(
        args.send_delay
    )}  # fmt: skip
    visibility = 30
    run = Run(
        args,
        name,
        base_dir,
        extra_env={
            "EMAIL_BACKEND": "benchmarks.mailbackend.SlowFileBackend",
            "BENCH_VISIBILITY_TIMEOUT": str(visibility),
            **delay,
        },
    )
    run.start()
    try:
        duration = min(args.fault_duration, 30)
        # Every e-mail takes the slow mail server --send-delay: a few submissions a second
        # queue enough for a kill mid-send, where 32 clients flat out would queue more than the
        # worker and the sweep can send in the drain's time.
        load = Submitters(run.server.port, args.slow_clients, pause=1.0).start(duration)
        time.sleep(args.fault_at)
        wait_until_sending = time.monotonic() + 20
        while time.monotonic() < wait_until_sending and not run.summary_rows().get("sending"):
            time.sleep(0.1)
        log(f"[{name}] killing the Celery worker (SIGKILL to its process group) mid-send")
        killed = run.worker
        killed.kill9()
        killed_at = time.monotonic()
        in_flight = harness.sql(
            args.database,
            "SELECT id FROM followups_followup WHERE kind = 'summary' AND status = 'sending'",
        )
        in_flight = {pk for (pk,) in in_flight}
        written_in_flight = {pk for pk in in_flight if mail_counts(run.dir / "mail")[pk]}
        run.notes.append(
            f"at the kill: {len(in_flight)} follow-up(s) claimed ('sending'), of which "
            f"{len(written_in_flight)} already written by the mail server"
        )
        time.sleep(args.worker_down)
        run.worker = harness.start_worker(run.env, run.dir, name="worker-restarted")
        log(f"[{name}] worker restarted after {time.monotonic() - killed_at:.0f} s")
        load.join(duration + 60)
        # Leases and the broker's visibility timeout must both run out: the first lets the sweep
        # take the abandoned claims, the second redelivers the killed worker's unacknowledged
        # messages, which must then find nothing to send.
        run.drain(not_before=killed_at + max(args.lease, visibility) + 5)
        killed_received, killed_done = worker_tasks(killed.log_text())
        unfinished = killed_received - set(killed_done)
        # kombu gives unacknowledged messages back once they are older than the visibility
        # timeout, but checks for them only now and then: wait for them (bounded), then check.
        redelivery_wait = 0 if after_accept else args.redelivery_wait
        wait_until = killed_at + visibility + redelivery_wait
        while unfinished and time.monotonic() < wait_until:
            again_received, again_done = worker_tasks(run.worker.log_text())
            if unfinished <= set(again_done):
                break
            time.sleep(2)
        if redelivery_wait:
            run.drain()
        mails, duplicated = run.verify(load)
        again_received, again_done = worker_tasks(run.worker.log_text())
        redelivered = unfinished & again_received
        outcomes = Counter(again_done.get(task, "not finished") for task in redelivered)
        run.notes.append(
            f"the killed worker left {len(unfinished)} task message(s) unacknowledged; "
            f"{len(redelivered)} were delivered again to the new worker within "
            f"{visibility + redelivery_wait} s of the kill (visibility timeout {visibility}"
            " s), outcomes: "
            + (", ".join(f"{k} {v}" for k, v in outcomes.items()) or "-")
            + " ('None': the claim found the follow-up already sent, nothing was sent)"
        )
        resent = {pk: mails[pk] for pk in in_flight}
        run.notes.append(
            "e-mails per follow-up claimed at the kill: "
            + (", ".join(f"#{pk}: {n}" for pk, n in sorted(resent.items())) or "none")
        )
        if after_accept:
            outside = {pk for pk in duplicated if pk not in written_in_flight}
            run.check(
                "duplicates only for messages accepted before the kill (the SMTP window)",
                not outside and len(duplicated) <= len(written_in_flight),
                f"{len(duplicated)} duplicated, {len(written_in_flight)} in the window, "
                f"{len(outside)} outside it",
            )
        else:
            run.exactly_once(duplicated)
            run.check(
                "the follow-ups claimed by the killed worker were sent after the lease",
                in_flight and all(mails[pk] == 1 for pk in in_flight),
                f"{len(in_flight)} claimed at the kill, "
                f"{sum(1 for pk in in_flight if mails[pk] == 1)} sent once",
            )
    finally:
        run.stop()
    return run


def run_postgres(args, base_dir):
    run = Run(args, "postgres", base_dir)
    run.start()
    try:
        load = Submitters(run.server.port, args.concurrency).start(args.fault_duration)
        time.sleep(args.fault_at)
        announce(
            f"RESTARTING PostgreSQL on 127.0.0.1:5432 (down {args.pg_down} s, fault scenario); "
            "it is started again right after, even if this script fails"
        )
        errors_before = load.server_errors()
        harness.pg_stop()
        stopped_at = time.monotonic()
        try:
            time.sleep(args.pg_down)
        finally:
            harness.pg_start()
            up_at = time.monotonic()
            announce(f"PostgreSQL is running again (down {up_at - stopped_at:.0f} s)")
        accepted_at_up = len(load.tokens)
        wait = time.monotonic() + 60
        while time.monotonic() < wait and len(load.tokens) == accepted_at_up:
            time.sleep(0.1)
        run.notes.append(
            f"first submission accepted {time.monotonic() - up_at:.1f} s after PostgreSQL was up"
        )
        load.join(args.fault_duration + 60)
        run.notes.append(
            f"responses >= 500 from the stop until the end: {load.server_errors() - errors_before}"
        )
        run.probe()
        alive = run.worker.running()
        run.check("the worker survived the restart", alive, "running" if alive else "exited")
        if not alive:
            run.worker = harness.start_worker(run.env, run.dir)
        run.drain(not_before=time.monotonic() + args.lease)
        mails, duplicated = run.verify(load, allow_5xx=True)
        run.exactly_once(duplicated)
    finally:
        run.stop()
    return run


def run_scenarios(args, scenarios, base_dir):
    env = harness.app_env(args.database, base_dir, extra={"STATIC_ROOT": str(base_dir / "static")})
    harness.prepare_database(args.database, env, fresh=True)
    runners = {
        "load": run_load,
        "redis": run_redis,
        "worker-kill": run_worker_kill,
        "worker-kill-after-accept": lambda a, d: run_worker_kill(a, d, after_accept=True),
        "postgres": run_postgres,
    }
    verdicts = []
    for name in scenarios:
        started = time.monotonic()
        try:
            run = runners[name](args, base_dir)
            verdict = run.print_summary()
        except Exception as exc:  # noqa: BLE001  (one broken scenario must not hide the others)
            log(f"[{name}] ERROR: {type(exc).__name__}: {exc}")
            verdict = "ERROR"
        finally:
            harness.restore_services()
        verdicts.append((name, verdict, time.monotonic() - started))
        for db in (BROKER_DB, CACHE_DB):
            harness.redis_cli("flushdb", db=db)
    print("=== summary ===")
    for name, verdict, seconds in verdicts:
        print(f"  {verdict:<5} {name} ({seconds:.0f} s)")


def main():
    args = parse_args()
    scenarios = args.scenarios or SCENARIOS
    print(f"benchmarks/load_and_faults.py — {harness.machine_note()}", flush=True)
    if not harness.pg_ready() or not harness.redis_ready():
        sys.exit("PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) must be running.")
    base_dir = Path(args.work_dir or tempfile.mkdtemp(prefix="resurfacing-faults-"))
    base_dir.mkdir(parents=True, exist_ok=True)
    log(
        f"work directory {base_dir}; gunicorn {args.workers} sync workers, Celery worker "
        f"(prefork, 2 processes), "
        f"DB_CONN_MAX_AGE={harness.conn_max_age_note(args.conn_max_age)}, rate-limit cache "
        f"{args.cache}, FOLLOWUP_CLAIM_LEASE={args.lease}; {args.concurrency} clients"
    )
    # Every process started is stopped, and Redis and PostgreSQL are started again if a
    # scenario left them down, also after an error or Ctrl-C.
    with harness.managed(restore=True):
        run_scenarios(args, scenarios, base_dir)


if __name__ == "__main__":
    main()
