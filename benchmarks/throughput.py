"""Throughput and latency of the app's pages against a bare Django app, in one run (issue 11).

    .venv/bin/python benchmarks/throughput.py [--duration 10] [--concurrency 32] [--skip-setup]

Starts two gunicorn servers on 127.0.0.1 with the same flags: the bare Django app
(benchmarks/bare_app.py: no database, two middleware, a "hello" view and a JSON view) and the
app (DEBUG off, PostgreSQL database `bench`, Redis broker and cache on databases 9 and 10, the
rate limits raised). It warms up, then measures each endpoint for --duration seconds at
--concurrency clients, one server at a time, --rounds times interleaved, and prints a table:
req/s, the ratio to the matching view of the bare Django app (the floors' measure), the ratio
to the bare view behind the app's middleware (/bench/bare), p50 and p99, PASS/FAIL against the
floors. /bench/session, a view that only reads Django's database session (GET) or keeps the
posted form in it (POST), shows what any step pays for its session before its own work. Exits
0 whatever the figures: it is a report.
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
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import bare_app, harness  # noqa: E402
from benchmarks.harness import log  # noqa: E402
from treatments.vocabulary import CONCERNS, HEALTH_FLAGS  # noqa: E402  (plain Python)


class Endpoint:
    def __init__(self, name, label, server, reference=None, floor=None, sessions=None):
        self.name = name
        self.label = label
        self.server = server  # "bare": the bare Django app; "app": the app
        self.reference = reference  # the bare app's matching row: "hello" or "json"
        self.floor = floor  # the least req/s ratio to `reference`, or None: shown only
        self.sessions = sessions  # the set of prepared drafts it sends (SESSION_SETS), or None


ENDPOINTS = [
    Endpoint("hello", "bare Django app: GET /hello", "bare"),
    Endpoint("json", "bare Django app: POST /json (parse, answer)", "bare"),
    Endpoint("bare", "GET /bench/bare behind the app's middleware", "app", "hello"),
    Endpoint("step_first", "first step GET, new visitor (no cookie)", "app", "hello", 0.45),
    Endpoint(
        "step_get", "health step GET, draft (health unanswered)", "app", "hello", 0.22, "read"
    ),
    Endpoint("results", "results page GET (stored intake)", "app", "hello", 0.38),
    Endpoint("api", "API POST (repeated intake)", "app", "json", 0.38),
    Endpoint("api_new", "API POST, a new intake each request", "app", "json"),
    Endpoint(
        "session_read", "GET /bench/session: only a session read", "app", "hello", None, "read"
    ),
    Endpoint("session", "POST /bench/session: only a session save", "app", "hello", None, "saved"),
    Endpoint("step_post", "step POST (health -> 302)", "app", "hello", 0.12, "posted"),
    Endpoint("submission", "full submission (5 step POSTs + review)", "app", "hello"),
]
BY_NAME = {endpoint.name: endpoint for endpoint in ENDPOINTS}
# Drafts with the first three steps answered, one set per use, so that no row sees what another
# wrote: "read" is only read (the health step page must never find its step answered), "posted"
# gets the health step's POSTs, "saved" the session-save reference's.
SESSION_SETS = ["read", "posted", "saved"]
REFERENCES = ["hello", "json", "bare"]  # measured in every run, whatever --only says
# Whole submissions per second, as a share of the bare app's "hello" req/s.
SUBMISSIONS_FLOOR = 0.012
PACED_P99_TARGET_MS = 100.0
APP_API_PATH = "/api/v1/recommendations"


def distinct_intakes(count, seed=6):
    """`count` different valid intakes, more than each web process keeps results for
    (treatments/api.py): the `api_new` row measures the API without its kept answers."""
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
    parser.add_argument(
        "--workers", type=int, default=3, help="gunicorn sync workers (both servers)"
    )
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
        "--only",
        nargs="+",
        choices=[e.name for e in ENDPOINTS if e.name not in REFERENCES],
        help="some endpoints (the bare app's views and /bench/bare are always measured)",
    )
    parser.add_argument("--work-dir", default=None, help="logs, static files (default: a temp dir)")
    args = parser.parse_args()
    for name in ("duration", "warmup", "concurrency", "rounds", "workers"):
        if getattr(args, name) < (0 if name == "warmup" else 1):
            parser.error(f"--{name} must be at least {0 if name == 'warmup' else 1}")
    return args


def first_step_path(port):
    """Where the questionnaire's start sends a new visitor (no cookie): the first step."""
    status, headers, _ = harness.one_request("GET", port, "/intake/")
    location = urlsplit({k.lower(): v for k, v in headers}.get("location", "")).path
    if status in (301, 302) and location.startswith("/intake/step/"):
        return location
    return harness.step_path(harness.STEP_ANSWERS[0][0])


class Measurements:
    def __init__(self, args, servers, data_dir, sessions, tokens, first):
        self.args = args
        self.servers = servers  # "bare" / "app" -> harness.Process
        self.data_dir = data_dir
        self.sessions = sessions  # SESSION_SETS name -> [(session key, CSRF token)]
        self.tokens = tokens
        self.first = first
        self.csrf = sessions["posted"][0][1]
        self.generator = args.generator
        if self.generator == "auto":
            self.generator = "wrk" if shutil.which("wrk") else "python"
        self._write_files()

    def _write_files(self):
        d = self.data_dir

        for name, sessions in self.sessions.items():
            (d / f"{name}_sessions.txt").write_text("".join(f"{s} {c}\n" for s, c in sessions))
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
        health = harness.step_path("health")
        return {
            "hello": ("get.lua", bare_app.HELLO_PATH, []),
            "json": ("api.lua", bare_app.JSON_PATH, [d / "api.json"]),
            "bare": ("get.lua", "/bench/bare", []),
            "step_first": ("get.lua", self.first, []),
            "step_get": ("step_get.lua", health, [d / "read_sessions.txt"]),
            "results": ("results.lua", "/", [d / "tokens.txt"]),
            "api": ("api.lua", APP_API_PATH, [d / "api.json"]),
            "api_new": ("api_new.lua", APP_API_PATH, [d / "api_new.txt"]),
            "session_read": ("step_get.lua", "/bench/session", [d / "read_sessions.txt"]),
            "session": (
                "step_post.lua",
                "/bench/session",
                [d / "saved_sessions.txt", d / "step_post.txt"],
            ),
            "step_post": (
                "step_post.lua",
                health,
                [d / "posted_sessions.txt", d / "step_post.txt"],
            ),
            "submission": ("submission.lua", "/", [d / "flow.txt", self.csrf]),
        }[name]

    def measure(self, name, duration):
        server = self.servers[BY_NAME[name].server]
        with harness.CpuMeter(server.pid) as cpu:
            if self.generator == "wrk":
                result = self._measure_wrk(name, server.port, duration)
            else:
                result = self._measure_python(name, server.port, duration)
        requests = max(result["requests"], 1)
        result.update(
            cpu_server=cpu.server * 1000 / requests,
            cpu_generator=cpu.generator * 1000 / requests,
            cpu_rest=cpu.rest * 1000 / requests,
            busy=cpu.busy_share,
        )
        return result

    def _measure_wrk(self, name, port, duration):
        script, path, extra = self.wrk_spec(name)
        report = harness.run_wrk(script, port, path, self.args.concurrency, duration, extra)
        seconds = report["duration_us"] / 1e6
        failures = sum(
            report[key] for key in ("bad", "status", "connect", "read", "write", "timeout")
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

    def _measure_python(self, name, port, duration):
        tokens = self.tokens
        health = dict(harness.STEP_ANSWERS)["health"]
        sessions = self.sessions.get(BY_NAME[name].sessions)

        def setup(client, index):
            session, csrf = sessions[index % len(sessions)]
            client.csrf = csrf
            client.cookies = {"csrftoken": csrf, "sessionid": session}

        def get(path):
            def operation(client, index):
                client.cookies = {}  # a new visitor each time: no cookie kept
                status, _, _ = client.request("GET", path)
                return 1, status == 200

            return operation

        def post_json(path, bodies):
            def operation(client, index):
                client.turn = getattr(client, "turn", index * 256) + 1
                status, _, _ = client.request(
                    "POST",
                    path,
                    body=bodies[client.turn % len(bodies)],
                    content_type="application/json",
                )
                return 1, status == 200

            return operation

        def get_with_draft(path):
            def operation(client, index):
                status, _, _ = client.request("GET", path)
                return 1, status == 200

            return operation

        def post_answers(path):
            def operation(client, index):
                fields = [*health, ("next", "")]
                status, _, _ = client.request("POST", path, fields=fields)
                return 1, status == 302

            return operation

        def results(client, index):
            client.turn = getattr(client, "turn", index) + 1  # each client cycles the tokens
            token = tokens[client.turn % len(tokens)]
            status, _, _ = client.request("GET", f"/intake/results/{token}/")
            return 1, status == 200

        def submission(client, index):
            statuses = []
            token = harness.submit_intake(client, email="ann@example.com", statuses=statuses)
            return len(statuses), token is not None

        operations = {
            "hello": get(bare_app.HELLO_PATH),
            "json": post_json(bare_app.JSON_PATH, [harness.API_BODY]),
            "bare": get("/bench/bare"),
            "step_first": get(self.first),
            "step_get": get_with_draft(harness.step_path("health")),
            "session_read": get_with_draft("/bench/session"),
            "results": results,
            "api": post_json(APP_API_PATH, [harness.API_BODY]),
            "api_new": post_json(APP_API_PATH, [body.encode() for body in API_NEW_BODIES]),
            "session": post_answers("/bench/session"),
            "step_post": post_answers(harness.step_path("health")),
            "submission": submission,
        }
        load = harness.PythonLoad(
            port,
            self.args.concurrency,
            operations[name],
            setup=setup if sessions else None,
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
    names = [e.name for e in ENDPOINTS if e.name in rounds[0]]

    def med(name, key):
        return median([r[name][key] for r in rounds])

    def ratio(name, reference, key="rps"):
        """Median over rounds of this row's `key` / the reference's req/s, in the same round."""
        if reference is None:
            return float("nan")
        return median([r[name][key] / r[reference]["rps"] for r in rounds])

    def reference_of(name):
        endpoint = BY_NAME[name]
        return endpoint.reference or name  # the bare app's rows are their own reference

    def pct(value, digits=1):
        return "-" if value != value else f"{value:.{digits}%}"

    print()
    print(
        f"Throughput at {args.concurrency} concurrent clients, {args.duration} s x {args.rounds} "
        f"round(s) per endpoint (medians of per-round figures), one server measured at a time. "
        f"Both servers: gunicorn {args.workers} sync workers, DEBUG off. The app: PostgreSQL, "
        f"Redis broker and cache, DB_CONN_MAX_AGE={harness.conn_max_age_note(args.conn_max_age)}."
        f" Load generator: {measurements.generator}, on the same machine."
    )
    print(
        "x app = req/s / the bare Django app's matching view (GET /hello; POST /json for the "
        "API), the floors' measure; x mw = req/s / the bare view behind the app's middleware "
        "(GET /bench/bare)."
    )
    header = (
        f"{'endpoint':<44} {'req/s':>8} {'x app':>7} {'x mw':>7} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'CPU ms':>6} {'x app':>6} {'fail':>4}  floor (x app)"
    )
    print(header)
    print(f"{'':<44} {'':>8} {'':>7} {'':>7} {'':>7} {'':>7} {'/req':>6} {'by CPU':>6}")
    print("-" * len(header))
    verdicts = []
    for name in names:
        endpoint = BY_NAME[name]
        reference = reference_of(name)
        rps, cpu = med(name, "rps"), med(name, "cpu_server")
        x_app = ratio(name, reference)
        x_mw = ratio(name, "bare")
        ref_cpu = med(reference, "cpu_server")
        failures = sum(round_[name]["failures"] for round_ in rounds)
        floor_text = ""
        if endpoint.floor is not None:
            verdict = "PASS" if x_app >= endpoint.floor else "FAIL"
            verdicts.append(
                (f"{endpoint.label} >= {endpoint.floor:.0%} of {reference}", verdict, pct(x_app))
            )
            floor_text = f">= {endpoint.floor:.0%}: {verdict}"
        elif endpoint.server == "app":
            floor_text = "(shown)"
        print(
            f"{endpoint.label:<44} {rps:>8.1f} {pct(x_app):>7} {pct(x_mw):>7} "
            f"{med(name, 'p50'):>7.1f} {med(name, 'p99'):>7.1f} {cpu:>6.2f} "
            f"{pct(ref_cpu / cpu if cpu else float('nan')):>6} {failures:>4}  {floor_text}"
        )
        if name == "submission":
            sps = med(name, "sps")
            sub_ratio = ratio(name, "hello", "sps")
            sub_mw = ratio(name, "bare", "sps")
            verdict = "PASS" if sub_ratio >= SUBMISSIONS_FLOOR else "FAIL"
            verdicts.append(
                (
                    f"whole submissions/s >= {SUBMISSIONS_FLOOR:.1%} of hello req/s",
                    verdict,
                    pct(sub_ratio, 2),
                )
            )
            sub_cpu = cpu * harness.REQUESTS_PER_SUBMISSION
            print(
                f"{'  = whole submissions (6 requests each)':<44} {sps:>8.1f} "
                f"{pct(sub_ratio, 2):>7} {pct(sub_mw, 2):>7} {med(name, 'sub_p50'):>7.1f} "
                f"{med(name, 'sub_p99'):>7.1f} {sub_cpu:>6.1f} {'':>6} {'':>4}  "
                f">= {SUBMISSIONS_FLOOR:.1%}: {verdict}"
            )
    print()
    print(
        "CPU ms/req = CPU time of the measured server's gunicorn processes per request; 'x app "
        "by CPU' = the bare app's matching view's CPU per request / this row's (less sensitive "
        "to other load on the machine). Submission row: p50/p99 per request, and for whole "
        "submissions (closed loop: shown, no target)."
    )
    print(
        "Per endpoint, CPU ms per request of the load generator / the rest of the machine "
        "(PostgreSQL, Redis, kernel, anything else running), and how busy the cores were:"
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
        if service:
            print(
                f"For comparison, one client alone (no queueing): {service['count']} whole "
                f"submissions, p50 {service['p50']:.0f} ms, p99 {service['p99']:.0f} ms each "
                f"({service['failed']} failed)."
            )
        if paced:
            verdict = "PASS" if paced["p99"] < PACED_P99_TARGET_MS else "FAIL"
            label = (
                f"paced whole submission p99 < {PACED_P99_TARGET_MS:.0f} ms "
                f"({args.concurrency} patients, {args.think_ms} ms on average before each request)"
            )
            verdicts.append((label, verdict, f"p99 {paced['p99']:.0f} ms"))
            print(
                f"Paced: {args.concurrency} patients each pausing {args.think_ms} ms on average "
                f"before every request (Python client): {paced['count']} whole submissions, "
                f"waiting for the server p50 {paced['p50']:.0f} ms, p99 {paced['p99']:.0f} ms "
                f"each (the sum of the 6 response times; {paced['failed']} failed)."
            )
    print()
    print("Floors:")
    for label, verdict, shown in verdicts:
        print(f"  {verdict}  {label} (measured {shown})")
    return verdicts


def prepare(args, work_dir):
    env = harness.app_env(args.database, work_dir, conn_max_age=args.conn_max_age)
    if args.skip_setup and harness.database_exists(args.database):
        if not (work_dir / "static" / "staticfiles.json").exists():
            harness.manage(env, "collectstatic", "--noinput")
    else:
        harness.prepare_database(args.database, env, fresh=True)
    for db in (9, 10):  # this script's broker and cache databases
        harness.redis_cli("flushdb", db=db)
    return env


def run(args, work_dir, data_dir):
    env = prepare(args, work_dir)
    # The bare Django app first, then the app; both stay up, and are measured one at a time.
    bare = harness.start_gunicorn(
        harness.bare_env(work_dir),
        work_dir,
        args.workers,
        wsgi=bare_app.WSGI,
        ready_path=bare_app.HELLO_PATH,
        name="bare-app",
    )
    log(f"bare Django app: gunicorn pid {bare.pid} on 127.0.0.1:{bare.port}")
    server = harness.start_gunicorn(env, work_dir, args.workers)
    log(f"the app: gunicorn pid {server.pid} on 127.0.0.1:{server.port}, {args.workers} workers")
    count = max(args.concurrency, 1)
    first = first_step_path(server.port)
    status, headers, _ = harness.one_request("GET", server.port, first)
    cookies = [v.split("=", 1)[0] for k, v in headers if k.lower() == "set-cookie"]
    log(f"first step {first}: {status} for a new visitor, cookies set: {cookies or 'none'}")
    sessions = {
        name: harness.make_draft_sessions(server.port, count, through="recovery")
        for name in SESSION_SETS
    }
    tokens = harness.make_intakes(server.port, 50)
    log(f"{len(SESSION_SETS) * count} draft sessions and {len(tokens)} stored intakes ready")
    measurements = Measurements(
        args, {"bare": bare, "app": server}, data_dir, sessions, tokens, first
    )
    names = [
        e.name for e in ENDPOINTS if e.name in REFERENCES or not args.only or e.name in args.only
    ]
    if args.warmup:
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
        paced = paced_submissions(server.port, args.concurrency, args.paced_duration, args.think_ms)
    intake_rows = harness.sql(args.database, "SELECT count(*) FROM intake_intake")[0][0]
    report(args, measurements, rounds, intake_rows, service, paced)


def main():
    args = parse_args()
    print(f"benchmarks/throughput.py — {harness.machine_note()}", flush=True)
    if not harness.pg_ready() or not harness.redis_ready():
        sys.exit("PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) must be running.")
    work_dir = Path(args.work_dir or tempfile.mkdtemp(prefix="resurfacing-throughput-"))
    work_dir.mkdir(parents=True, exist_ok=True)
    data_dir = work_dir / "data"
    data_dir.mkdir(exist_ok=True)
    log(f"work directory {work_dir} (the servers' logs are there)")
    with harness.managed():
        try:
            run(args, work_dir, data_dir)
        finally:
            for db in (9, 10):
                harness.redis_cli("flushdb", db=db)
    log(f"load average at the end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
