"""Throughput and latency of the app's pages beside a bare Django view, in one run (issue 6).

    .venv/bin/python benchmarks/throughput.py [--duration 10] [--concurrency 32] [--skip-setup]

Starts gunicorn on 127.0.0.1 (DEBUG off, PostgreSQL database `bench`, Redis broker and cache on
databases 9 and 10), warms up, then measures each endpoint for --duration seconds at
--concurrency clients, --rounds times interleaved, and prints a table: req/s, ratio to the bare
view, p50 and p99, PASS/FAIL against the targets. Exits 0 whatever the figures: it is a report.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness  # noqa: E402
from benchmarks.harness import log  # noqa: E402
from treatments.vocabulary import CONCERNS, HEALTH_FLAGS  # noqa: E402  (plain Python)

# (name, label, target ratio of the bare view's req/s or None)
ENDPOINTS = [
    ("bare", "bare Django view (GET /bench/bare)", None),
    ("api", "API POST /api/v1/recommendations", 0.70),
    ("api_new", "API, a different intake each request (shown)", None),
    ("step_get", "questionnaire step GET (health, with draft)", 0.40),
    ("step_post", "questionnaire step POST (health -> 302)", 0.40),
    ("results", "results page GET (stored intake)", 0.60),
    ("submission", "full submission (5 step POSTs + review)", None),
]
SUBMISSION_P99_TARGET_MS = 100.0


def distinct_intakes(count, seed=6):
    """`count` different valid intakes: each web process keeps the results of the last 1,024
    it answered (treatments/api.py), and the `api_new` row measures the API without them."""
    chooser, seen = random.Random(seed), set()
    while len(seen) < count:
        concerns = chooser.sample(list(CONCERNS), chooser.randint(1, 3))
        health = dict.fromkeys(chooser.sample(list(HEALTH_FLAGS), chooser.randint(0, 2)), True)
        seen.add(
            json.dumps(
                {
                    "fitzpatrick": chooser.randint(1, 6),
                    "concerns": concerns,
                    "max_downtime_days": chooser.randint(0, 30),
                    "health": health,
                }
            )
        )
    return sorted(seen)


API_NEW_BODIES = distinct_intakes(8192)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per endpoint")
    parser.add_argument("--concurrency", type=int, default=32, help="concurrent clients")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds (medians)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument(
        "--service-time",
        type=int,
        default=10,
        help="seconds of single-client submissions after the rounds (0: skip)",
    )
    parser.add_argument(
        "--paced-duration",
        type=int,
        default=30,
        help="seconds of paced submissions after the rounds (0: skip)",
    )
    parser.add_argument(
        "--think-ms",
        type=int,
        default=1000,
        help="in the paced run, each patient's mean pause before each request (exponential)",
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="DB_CONN_MAX_AGE for the server (default: the app's, 60 s: a connection kept)",
    )
    parser.add_argument("--database", default="bench", help="PostgreSQL database (bench*)")
    parser.add_argument(
        "--skip-setup",
        action="store_true",
        help="reuse the database and static files of an earlier run instead of recreating them",
    )
    parser.add_argument(
        "--generator",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="load generator: wrk (apt-get install wrk) or a threaded Python client",
    )
    parser.add_argument(
        "--only", nargs="+", choices=[name for name, _, _ in ENDPOINTS], help="some endpoints"
    )
    parser.add_argument("--work-dir", default=None, help="logs, static files (default: a temp dir)")
    return parser.parse_args()


class Measurements:
    def __init__(self, args, server, data_dir, sessions, tokens):
        self.args = args
        self.port = server.port
        self.server_pgid = server.pid
        self.data_dir = data_dir
        self.sessions = sessions
        self.tokens = tokens
        self.csrf = sessions[0][1]
        self.generator = args.generator
        if self.generator == "auto":
            self.generator = "wrk" if shutil.which("wrk") else "python"
        self._write_files()

    def _write_files(self):
        d = self.data_dir
        (d / "sessions.txt").write_text("".join(f"{s} {c}\n" for s, c in self.sessions))
        (d / "tokens.txt").write_text("".join(f"{t}\n" for t in self.tokens))
        (d / "api.json").write_bytes(harness.API_BODY)
        (d / "api_new.txt").write_text("".join(f"{body}\n" for body in API_NEW_BODIES))
        health = dict(harness.STEP_ANSWERS)["health"]
        body = urlencode([("csrfmiddlewaretoken", "CSRF_TOKEN"), *health, ("next", "")])
        (d / "step_post.txt").write_text(body + "\n")
        lines = []
        for slug, fields in harness.STEP_ANSWERS:
            if slug == "contact":
                fields = [*fields, ("email", "ann@example.com"), *harness.OPT_IN]
            form = urlencode([("csrfmiddlewaretoken", "CSRF_TOKEN"), *fields, ("next", "")])
            lines.append(f"{harness.step_path(slug)}\t{form}")
        lines.append(f"/intake/review/\t{urlencode([('csrfmiddlewaretoken', 'CSRF_TOKEN')])}")
        (d / "flow.txt").write_text("\n".join(lines) + "\n")

    def wrk_spec(self, name):
        d = self.data_dir
        return {
            "bare": ("bare.lua", "/bench/bare", []),
            "api": ("api.lua", "/api/v1/recommendations", [d / "api.json"]),
            "api_new": ("api_new.lua", "/api/v1/recommendations", [d / "api_new.txt"]),
            "step_get": ("step_get.lua", harness.step_path("health"), [d / "sessions.txt"]),
            "step_post": (
                "step_post.lua",
                harness.step_path("health"),
                [d / "sessions.txt", d / "step_post.txt"],
            ),
            "results": ("results.lua", "/", [d / "tokens.txt"]),
            "submission": ("submission.lua", "/", [d / "flow.txt", self.csrf]),
        }[name]

    def measure(self, name, duration):
        with harness.CpuMeter(self.server_pgid) as cpu:
            result = self._measure(name, duration)
        requests = max(result["requests"], 1)
        result.update(
            cpu_server=cpu.server * 1000 / requests,
            cpu_generator=cpu.generator * 1000 / requests,
            cpu_rest=cpu.rest * 1000 / requests,
            busy=cpu.busy_share,
        )
        return result

    def _measure(self, name, duration):
        if self.generator == "wrk":
            script, path, extra = self.wrk_spec(name)
            report = harness.run_wrk(
                script, self.port, path, self.args.concurrency, duration, extra
            )
            seconds = report["duration_us"] / 1e6
            failures = (
                report["bad"]
                + report["status"]
                + report["connect"]
                + report["read"]
                + report["write"]
                + report["timeout"]
            )
            result = {
                "requests": report["requests"],
                "rps": report["requests"] / seconds,
                "p50": report["p50_us"] / 1000,
                "p99": report["p99_us"] / 1000,
                "failures": failures,
            }
            if name == "submission":
                ops = report["operations_ms"]
                result.update(
                    submissions=len(ops),
                    # Steady-state rate: in-flight submissions at the start and the end of a
                    # short run would bias a count of completed ones.
                    sps=report["requests"] / harness.REQUESTS_PER_SUBMISSION / seconds,
                    sub_p50=harness.percentile(ops, 0.5),
                    sub_p99=harness.percentile(ops, 0.99),
                )
            return result
        return self._measure_python(name, duration)

    def _measure_python(self, name, duration):
        sessions, tokens = self.sessions, self.tokens
        health = dict(harness.STEP_ANSWERS)["health"]

        def setup(client, index):
            session, csrf = sessions[index % len(sessions)]
            client.csrf = csrf
            client.cookies = {"csrftoken": csrf, "sessionid": session}

        def bare(client, index):
            status, _, _ = client.request("GET", "/bench/bare")
            return 1, status == 200

        def api(client, index):
            status, _, _ = client.request(
                "POST",
                "/api/v1/recommendations",
                body=harness.API_BODY,
                content_type="application/json",
            )
            return 1, status == 200

        def api_new(client, index):
            client.turn = getattr(client, "turn", index * 256) + 1
            status, _, _ = client.request(
                "POST",
                "/api/v1/recommendations",
                body=API_NEW_BODIES[client.turn % len(API_NEW_BODIES)].encode(),
                content_type="application/json",
            )
            return 1, status == 200

        def step_get(client, index):
            status, _, _ = client.request("GET", harness.step_path("health"))
            return 1, status == 200

        def step_post(client, index):
            fields = [*health, ("next", "")]
            status, _, _ = client.request("POST", harness.step_path("health"), fields=fields)
            return 1, status == 302

        def results(client, index):
            client.turn = getattr(client, "turn", index) + 1  # each client cycles the tokens
            token = tokens[client.turn % len(tokens)]
            status, _, _ = client.request("GET", f"/intake/results/{token}/")
            return 1, status == 200

        def submission(client, index):
            statuses = []
            token = harness.submit_intake(client, email="ann@example.com", statuses=statuses)
            return len(statuses), token is not None

        operation = locals()[name]
        load = harness.PythonLoad(
            self.port,
            self.args.concurrency,
            operation,
            setup=setup if name in ("step_get", "step_post") else None,
        ).run(duration)
        summary = harness.summarize_ms(load.latencies_ms)
        result = {
            "requests": load.requests,
            "rps": load.requests / load.elapsed,
            "p50": summary["p50"],
            "p99": summary["p99"],
            "failures": load.failed,
        }
        if name == "submission":
            result.update(
                submissions=load.ok,
                sps=load.ok / load.elapsed,
                sub_p50=summary["p50"],
                sub_p99=summary["p99"],
                # per request: not measured separately by the Python client
                p50=float("nan"),
                p99=float("nan"),
            )
        return result


def median(values):
    values = [v for v in values if v == v]  # drop NaN
    return statistics.median(values) if values else float("nan")


def single_client_submissions(port, duration):
    """Whole submissions one after another by a single client: the time a submission takes when
    it does not queue behind others (Python client, so a little slower than wrk)."""

    def submission(client, index):
        statuses = []
        token = harness.submit_intake(client, email="ann@example.com", statuses=statuses)
        return len(statuses), token is not None

    load = harness.PythonLoad(port, 1, submission).run(duration)
    return {"count": load.ok, "failed": load.failed, **harness.summarize_ms(load.latencies_ms)}


class PacedPatient(harness.Client):
    """A patient who pauses before each request (exponentially distributed, `think_s` on
    average, so patients arrive independently) and counts only the time spent waiting for the
    server. It connects when it sends: an idle open connection would hold a sync gunicorn
    worker, which in production the proxy in front prevents by buffering requests."""

    def __init__(self, port, think_s, seed):
        super().__init__(port)
        self.think_s = think_s
        self.random = random.Random(seed)
        self.waited = 0.0

    def request(self, *args, **kwargs):
        self.close()
        time.sleep(self.random.expovariate(1 / self.think_s))
        start = time.perf_counter()
        try:
            return super().request(*args, **kwargs)
        finally:
            self.waited += time.perf_counter() - start


def paced_submissions(port, concurrency, duration, think_ms):
    """Whole submissions by `concurrency` paced patients for `duration` seconds: the time each
    waited for the server (the sum of its 6 response times)."""
    waits, failed, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + duration

    def patient(index):
        client = PacedPatient(port, think_ms / 1000, seed=index)
        while time.monotonic() < deadline:
            client.waited = 0.0
            token = harness.submit_intake(client, email="ann@example.com")
            with lock:
                if token:
                    waits.append(client.waited * 1000)
                else:
                    failed[0] += 1
        client.close()

    threads = [threading.Thread(target=patient, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"count": len(waits), "failed": failed[0], **harness.summarize_ms(waits)}


def report(args, measurements, rounds, intake_rows, service=None, paced=None):
    names = [name for name, _, _ in ENDPOINTS if name in rounds[0]]
    labels = {name: label for name, label, _ in ENDPOINTS}
    targets = {name: target for name, _, target in ENDPOINTS}
    has_bare = "bare" in names

    def med(name, key):
        return median([r[name][key] for r in rounds])

    def ratio(name, key="rps"):
        if not has_bare:
            return None
        return median([r[name][key] / r["bare"]["rps"] for r in rounds])

    print()
    print(
        f"Throughput at {args.concurrency} concurrent clients, {args.duration} s x {args.rounds} "
        f"round(s) per endpoint (medians); gunicorn {args.workers} sync workers, DEBUG off, "
        f"PostgreSQL, Redis broker and cache, "
        f"DB_CONN_MAX_AGE={harness.conn_max_age_note(args.conn_max_age)}. Load "
        f"generator: {measurements.generator}, on the same 2 cores."
    )
    header = (
        f"{'endpoint':<46} {'req/s':>7} {'x bare':>7} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'CPU ms':>6} {'x bare':>6} {'fail':>4}  target (req/s ratio)"
    )
    print(header)
    print(f"{'':<46} {'':>7} {'':>7} {'':>7} {'':>7} {'/req':>6} {'by CPU':>6}")
    print("-" * len(header))
    verdicts = []
    bare_cpu = med("bare", "cpu_server") if has_bare else None
    for name in names:
        rps, r = med(name, "rps"), ratio(name)
        cpu = med(name, "cpu_server")
        cpu_ratio = f"{bare_cpu / cpu:.1%}" if bare_cpu else "-"
        failures = sum(round_[name]["failures"] for round_ in rounds)
        target_text = ""
        if targets[name] is not None and r is not None:
            verdict = "PASS" if r >= targets[name] else "FAIL"
            verdicts.append((f"{labels[name]} >= {targets[name]:.0%} of bare", verdict, r))
            target_text = f">= {targets[name]:.0%}: {verdict}"
        ratio_text = f"{r:.1%}" if r is not None else "-"
        print(
            f"{labels[name]:<46} {rps:>7.1f} {ratio_text:>7} {med(name, 'p50'):>7.1f} "
            f"{med(name, 'p99'):>7.1f} {cpu:>6.2f} {cpu_ratio:>6} {failures:>4}  {target_text}"
        )
        if name == "submission":
            sps, sub_ratio = med(name, "sps"), ratio(name, "sps")
            sub_p99 = med(name, "sub_p99")
            verdict = "PASS" if sub_p99 < SUBMISSION_P99_TARGET_MS else "FAIL"
            verdicts.append(
                (f"full submission p99 < 100 ms at {args.concurrency} clients", verdict, sub_p99)
            )
            sub_cpu = cpu * harness.REQUESTS_PER_SUBMISSION
            print(
                f"{'  = whole submissions (6 requests each)':<46} {sps:>7.1f} "
                f"{(f'{sub_ratio:.2%}' if sub_ratio is not None else '-'):>7} "
                f"{med(name, 'sub_p50'):>7.1f} {sub_p99:>7.1f} {sub_cpu:>6.1f} "
                f"{(f'{bare_cpu / sub_cpu:.2%}' if bare_cpu else '-'):>6} {'':>4}  "
                f"p99 < {SUBMISSION_P99_TARGET_MS:.0f} ms: {verdict}"
            )
    print()
    print(
        "CPU ms/req = CPU time of the gunicorn processes per request; 'x bare by CPU' = the bare "
        "view's CPU per request / this endpoint's (less sensitive to other load on the machine)."
    )
    print(
        "Per endpoint, CPU ms per request of the load generator / the rest of the machine "
        "(PostgreSQL, Redis, kernel, anything else running), and how busy the 2 cores were:"
    )
    for name in names:
        print(
            f"  {name:<11} generator {med(name, 'cpu_generator'):.2f}, rest "
            f"{med(name, 'cpu_rest'):.2f}, cores busy {med(name, 'busy'):.0%}"
        )
    print("Per round (req/s): " + "; ".join(
        f"round {i + 1}: " + ", ".join(f"{n} {r[n]['rps']:.0f}" for n in names)
        for i, r in enumerate(rounds)
    ))  # fmt: skip
    if "submission" in names:
        accepted = sum(r["submission"].get("submissions", 0) for r in rounds)
        print(
            f"Submissions completed in the timed runs: {accepted}; intakes in the database after "
            f"the whole run (set-up and warm-up included): {intake_rows}."
        )
        need = args.concurrency / SUBMISSION_P99_TARGET_MS * 1000
        print(
            f"Note: in a closed loop the mean submission time is clients / throughput (Little's "
            f"law): p99 < {SUBMISSION_P99_TARGET_MS:.0f} ms at {args.concurrency} clients needs "
            f"well over {need:.0f} submissions/s."
        )
        if service:
            print(
                f"For comparison, one client alone (no queueing): {service['count']} whole "
                f"submissions, p50 {service['p50']:.0f} ms, p99 {service['p99']:.0f} ms each "
                f"({service['failed']} failed)."
            )
        if paced:
            verdict = "PASS" if paced["p99"] < SUBMISSION_P99_TARGET_MS else "FAIL"
            label = (
                f"full submission p99 < 100 ms at {args.concurrency} paced patients "
                f"({args.think_ms} ms on average before each request)"
            )
            verdicts.append((label, verdict, paced["p99"]))
            print(
                f"Paced: {args.concurrency} patients each pausing {args.think_ms} ms on average "
                f"before every request (Python client): {paced['count']} whole submissions, "
                f"waiting for the server p50 {paced['p50']:.0f} ms, p99 {paced['p99']:.0f} ms "
                f"each (the sum of the 6 response times; {paced['failed']} failed)."
            )
    print()
    print("Targets:")
    for label, verdict, value in verdicts:
        shown = f"{value:.1%}" if value < 5 else f"p99 {value:.0f} ms"
        print(f"  {verdict}  {label} (measured {shown})")
    return verdicts


def main():
    args = parse_args()
    print(f"benchmarks/throughput.py — {harness.machine_note()}", flush=True)
    if not harness.pg_ready() or not harness.redis_ready():
        sys.exit("PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) must be running.")
    work_dir = Path(args.work_dir or tempfile.mkdtemp(prefix="resurfacing-throughput-"))
    work_dir.mkdir(parents=True, exist_ok=True)
    data_dir = work_dir / "data"
    data_dir.mkdir(exist_ok=True)
    log(f"work directory {work_dir} (gunicorn.log is there)")
    env = harness.app_env(args.database, work_dir, conn_max_age=args.conn_max_age)
    if args.skip_setup and harness.database_exists(args.database):
        if not (work_dir / "static" / "staticfiles.json").exists():
            harness.manage(env, "collectstatic", "--noinput")
    else:
        harness.prepare_database(args.database, env, fresh=True)
    for db in (9, 10):  # this script's broker and cache databases
        harness.redis_cli("flushdb", db=db)

    server = harness.start_gunicorn(env, work_dir, args.workers)
    log(f"gunicorn pid {server.pid} on 127.0.0.1:{server.port}, {args.workers} workers")
    try:
        sessions = harness.make_draft_sessions(server.port, max(args.concurrency, 1))
        tokens = harness.make_intakes(server.port, 50)
        log(f"{len(sessions)} draft sessions and {len(tokens)} stored intakes ready")
        measurements = Measurements(args, server, data_dir, sessions, tokens)
        names = [name for name, _, _ in ENDPOINTS if not args.only or name in args.only]
        if args.only and "bare" not in names:
            names.insert(0, "bare")
        log(f"warming up {args.warmup} s per endpoint ({measurements.generator})")
        for name in names:
            measurements.measure(name, args.warmup)
        rounds = []
        for number in range(args.rounds):
            results = {}
            for name in names:
                results[name] = measurements.measure(name, args.duration)
                r = results[name]
                log(
                    f"round {number + 1} {name}: {r['rps']:.1f} req/s, p50 {r['p50']:.1f} ms, "
                    f"p99 {r['p99']:.1f} ms, failures {r['failures']}"
                )
            rounds.append(results)
        service = paced = None
        if "submission" in names and args.service_time:
            log(f"one client submitting for {args.service_time} s (unloaded service time)")
            service = single_client_submissions(server.port, args.service_time)
        if "submission" in names and args.paced_duration:
            log(
                f"{args.concurrency} paced patients ({args.think_ms} ms on average before each "
                f"request) submitting for {args.paced_duration} s"
            )
            paced = paced_submissions(
                server.port, args.concurrency, args.paced_duration, args.think_ms
            )
        intake_rows = harness.sql(args.database, "SELECT count(*) FROM intake_intake")[0][0]
        report(args, measurements, rounds, intake_rows, service, paced)
    finally:
        server.stop()
        for db in (9, 10):
            harness.redis_cli("flushdb", db=db)
    log(f"load average at the end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
