"""What the benchmark scripts share: services, databases, gunicorn, Celery, wrk and an HTTP client.

Everything here talks to 127.0.0.1 only. Every loop is bounded in count and in time. Importing
this module changes nothing: a script wraps its work in `with harness.managed():`, which stops
every process started inside it when the block ends, also after an error, Ctrl-C or SIGTERM.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlencode

from tests import worked_example
from treatments.vocabulary import CONCERNS, FITZPATRICK_TYPES, HEALTH_FLAGS, RECOVERY_CHOICES

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
WRK_DIR = BENCH_DIR / "wrk"
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
HOST = "127.0.0.1"  # the only address any of these scripts sends traffic to
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379")

# The worked example of the clinical basis (docs/clinical-basis.md, section 8), written once in
# tests/worked_example.py (plain data): the API's body, and the steps' answers derived from it and
# from the vocabulary (treatments/vocabulary.py), which gives the health step its questions.
WORKED_EXAMPLE = worked_example.INTAKE
assert set(WORKED_EXAMPLE["concerns"]) <= set(CONCERNS)
assert WORKED_EXAMPLE["fitzpatrick"] in FITZPATRICK_TYPES
assert set(WORKED_EXAMPLE["health"]) <= set(HEALTH_FLAGS)


def _recovery_choice(days):
    """The recovery choice whose maximum downtime is `days`."""
    return next(key for key, (_, limit) in RECOVERY_CHOICES.items() if limit == days)


# The steps' forms: the concerns ticked, a skin type a professional stated, the recovery choice,
# the consent to processing health answers and yes or no to every health question, and the
# contact step's consents.
STEP_ANSWERS = [
    ("concerns", [("concerns", concern) for concern in WORKED_EXAMPLE["concerns"]]),
    ("skin-type", [("method", "stated"), ("stated_type", str(WORKED_EXAMPLE["fitzpatrick"]))]),
    ("recovery", [("recovery", _recovery_choice(WORKED_EXAMPLE["max_downtime_days"]))]),
    (
        "health",
        [
            ("health_consent", "on"),
            *(
                (flag, "yes" if WORKED_EXAMPLE["health"].get(flag) else "no")
                for flag in HEALTH_FLAGS
            ),
        ],
    ),
    ("contact", [("adult_confirmed", "on"), ("consent", "on"), ("name", "Ann")]),
]
OPT_IN = [("followup_opt_in", "on")]
REQUESTS_PER_SUBMISSION = len(STEP_ANSWERS) + 1  # the step POSTs and the review POST
API_BODY = json.dumps(WORKED_EXAMPLE).encode()
RESULTS_PATH = re.compile(r"^(?:https?://[^/]+)?/intake/results/([A-Za-z0-9_-]+)/$")


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments: exit 2 with a single line on stderr (no usage block)."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


def step_path(slug):
    return f"/intake/step/{slug}/"


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def announce(message):
    line = "!" * 78
    print(f"{line}\n!! {message}\n{line}", flush=True)


def code_version():
    """The commit measured, and whether the working tree (outside benchmarks/) differs."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        changes = subprocess.run(
            ["git", "status", "--porcelain", "--", ".", ":!benchmarks"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown commit"
    return f"commit {head}" + (" + uncommitted changes" if changes else "")


def machine_note():
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} CPU cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        f"at start; Python {sys.version.split()[0]}; {code_version()}"
    )


# --- Processes ------------------------------------------------------------------------------


class Process:
    """A child process in its own process group, logged to a file; stopped by its own id."""

    def __init__(self, name, args, env, log_path):
        self.name = name
        self.log_path = Path(log_path)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "ab")  # noqa: SIM115  (closed in stop())
        self.popen = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        _children.append(self)

    @property
    def pid(self):
        return self.popen.pid

    def running(self):
        return self.popen.poll() is None

    def stop(self, timeout=20):
        """SIGTERM to the group this process leads, then SIGKILL after `timeout` seconds."""
        if self.running():
            self._signal_group(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self._signal_group(signal.SIGKILL)
                self.popen.wait(10)
        self._log.close()

    def kill9(self):
        """SIGKILL to the whole group at once: the machine-crash case."""
        self._signal_group(signal.SIGKILL)
        self.popen.wait(10)
        self._log.close()

    def _signal_group(self, sig):
        with suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)

    def log_text(self):
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""


_children: list[Process] = []


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_until(check, timeout, interval=0.2, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout} s waiting for {what}")


# --- Services: PostgreSQL and Redis -----------------------------------------------------------

_stopped_services: set[str] = set()


def _pg_version():
    return sorted(os.listdir("/etc/postgresql"))[-1]


def pg_ready():
    result = subprocess.run(
        ["pg_isready", "-q", "-h", HOST, "-p", "5432"], capture_output=True, timeout=10
    )
    return result.returncode == 0


def pg_ctl(action):
    cmd = ["pg_ctlcluster", "--skip-systemctl-redirect", _pg_version(), "main", action]
    if action == "stop":
        cmd += ["--mode", "fast"]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)


def pg_stop():
    _stopped_services.add("postgresql")
    pg_ctl("stop")


def pg_start():
    if not pg_ready():
        pg_ctl("start")
    wait_until(pg_ready, 60, what="PostgreSQL")
    _stopped_services.discard("postgresql")


def redis_cli(*args, db=None, timeout=10):
    cmd = ["redis-cli", "-h", HOST, "-p", "6379"]
    if db is not None:
        cmd += ["-n", str(db)]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=timeout)


def redis_ready():
    try:
        return redis_cli("ping", timeout=5).stdout.strip() == "PONG"
    except subprocess.TimeoutExpired:
        return False


def redis_stop():
    _stopped_services.add("redis")
    redis_cli("shutdown", "nosave")
    wait_until(lambda: not redis_ready(), 20, what="Redis to stop")


def redis_start():
    if not redis_ready():
        subprocess.run(
            [
                "redis-server",
                "--daemonize", "yes",
                "--bind", "127.0.0.1", "-::1",
                "--port", "6379",
                "--save", "",
                "--appendonly", "no",
                "--dir", "/var/lib/redis",
                "--logfile", "/var/log/redis/ci.log",
            ],
            check=True,
            capture_output=True,
            timeout=30,
        )  # fmt: skip
    wait_until(redis_ready, 30, what="Redis")
    _stopped_services.discard("redis")


def restore_services():
    """Start again whatever a fault scenario stopped, or is found down (see managed())."""
    if "postgresql" in _stopped_services or not pg_ready():
        log("restarting PostgreSQL (left stopped)")
        pg_start()
    if "redis" in _stopped_services or not redis_ready():
        log("restarting Redis (left stopped)")
        redis_start()


def _cleanup(restore):
    for child in reversed(_children):
        try:
            child.stop(timeout=10)
        except Exception as exc:  # noqa: BLE001
            print(f"could not stop {child.name}: {exc}", file=sys.stderr)
    _children.clear()
    if not (restore or _stopped_services):
        return
    try:
        restore_services()
    except Exception as exc:  # noqa: BLE001
        print(f"COULD NOT RESTART A SERVICE: {exc}", file=sys.stderr)


def _on_signal(signum, frame):
    raise SystemExit(128 + signum)


@contextmanager
def managed(restore=False):
    """The processes started inside the block are stopped (by their own ids) when it ends,
    normally, after an error, Ctrl-C or SIGTERM/SIGHUP (turned into SystemExit while inside).
    Services a fault scenario stopped are started again; with restore=True, also any found
    down at the end. Call it from a script's main(), in the main thread."""
    previous = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        try:
            _cleanup(restore)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


# --- Databases and the app's environment --------------------------------------------------------


def pg_connect(dbname="postgres"):
    import psycopg2

    connection = psycopg2.connect(f"{PG_URL}/{dbname}", connect_timeout=5)
    connection.autocommit = True
    return connection


def database_exists(name):
    with pg_connect() as connection, connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def recreate_database(name):
    assert re.fullmatch(r"bench[a-z0-9_]*", name), "benchmark databases are named bench*"
    connection = pg_connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()


def sql(database, query, params=None):
    connection = pg_connect(database)
    try:
        with connection.cursor() as cursor:
            cursor.execute(query, params or [])
            return cursor.fetchall() if cursor.description else None
    finally:
        connection.close()


def conn_max_age_note(conn_max_age):
    return "the app's default (60)" if conn_max_age is None else conn_max_age


def app_env(
    database,
    work_dir,
    *,
    broker_db=9,
    cache_db=10,
    redis_cache=True,
    conn_max_age=None,
    log_level="WARNING",
    extra=None,
):
    """The environment of a production-like process (DEBUG off) on the benchmark database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CELERY_", "CACHE_", "EMAIL_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "DEBUG": "false",
            "SECRET_KEY": "benchmark-only-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Plain HTTP on loopback: no TLS proxy in front, so no redirect to https.
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": f"{PG_URL}/{database}",
            "CELERY_BROKER_URL": f"{REDIS_URL}/{broker_db}",
            # Rate limits far above what a load run sends from one address.
            "INTAKE_SUBMIT_RATE": "1000000/s",
            "INTAKE_STEP_RATE": "1000000/s",
            "API_RATE": "1000000/s",
            "STATIC_ROOT": str(Path(work_dir) / "static"),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(Path(work_dir) / "mail"),
            "LOG_LEVEL": log_level,
            # None: the app's own default (60 s with DEBUG off), as a clinic runs it.
            **({} if conn_max_age is None else {"DB_CONN_MAX_AGE": str(conn_max_age)}),
            "PYTHONUNBUFFERED": "1",
        }
    )
    if redis_cache:
        # Like docker-compose.yml: rate-limit counts shared by all web processes in Redis.
        env["CACHE_URL"] = f"{REDIS_URL}/{cache_db}"
    env.update(extra or {})
    return env


def manage(env, *args, timeout=600):
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def prepare_database(database, env, fresh=True):
    """A fresh benchmark database, migrated (which loads the default catalog), and static files."""
    if fresh or not database_exists(database):
        log(f"creating database {database!r} and migrating it")
        recreate_database(database)
        manage(env, "migrate", "--noinput")
    log("collecting static files (production storage needs the manifest)")
    manage(env, "collectstatic", "--noinput")


# --- gunicorn and Celery ------------------------------------------------------------------------


def bare_env(work_dir):
    """The environment of the bare Django app (benchmarks/bare_app.py): nothing of the app's."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
    env = {key: value for key, value in os.environ.items() if key in keep}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "benchmarks.bare_app",
            "PYTHONPATH": str(ROOT),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def start_gunicorn(
    env, work_dir, workers, port=None, wsgi="resurfacing.wsgi", ready_path="/bench/bare", name=""
):
    """gunicorn as docker-compose.yml runs it; every server of a run gets the same flags, only
    the WSGI application differs (the app's, or the bare app's)."""
    port = port or free_port()
    args = [
        str(VENV_BIN / "gunicorn"),
        wsgi,
        "--bind", f"{HOST}:{port}",
        "--workers", str(workers),
        "--timeout", "30",
        "--graceful-timeout", "5",
        "--error-logfile", "-",
        # No control socket: two servers at once would share its default path.
        "--no-control-socket",
    ]  # fmt: skip
    label = f"gunicorn-{name}" if name else "gunicorn"
    process = Process(label, args, env, Path(work_dir) / f"{label}.log")
    process.port = port

    def answers():
        if not process.running():
            raise RuntimeError(f"{label} exited:\n{process.log_text()[-3000:]}")
        try:
            status, _, _ = one_request("GET", port, ready_path)
            return status == 200
        except OSError:
            return False

    wait_until(answers, 60, what=label)
    return process


def _start_celery(command, options, env, work_dir, name, ready_text):
    """`celery -A resurfacing <command>`, logged to <work_dir>/<name>.log; returns once the
    log (from where this start began) shows `ready_text`."""
    args = [str(VENV_BIN / "celery"), "-A", "resurfacing", command, "--loglevel", "info", *options]
    log_path = Path(work_dir) / f"{name}.log"
    offset = log_path.stat().st_size if log_path.exists() else 0
    process = Process(name, args, env, log_path)
    process.log_offset = offset

    def ready():
        if not process.running():
            raise RuntimeError(f"celery {command} exited:\n{process.log_text()[-3000:]}")
        return ready_text in process.log_text()[offset:]

    wait_until(ready, 90, what=f"celery {command} ({name})")
    return process


def start_worker(env, work_dir, concurrency=2, name="worker"):
    """`celery -A resurfacing worker`, as docker-compose.yml runs it (prefork)."""
    options = [
        "--concurrency", str(concurrency),
        "--hostname", f"{name}-{secrets.token_hex(3)}@bench",
        "--without-gossip",
        "--without-mingle",
    ]  # fmt: skip
    return _start_celery("worker", options, env, work_dir, name, " ready.")


def start_beat(env, work_dir, name="beat"):
    """`celery -A resurfacing beat`, as docker-compose.yml runs it (exactly one), with its
    schedule file in `work_dir` (not in the project)."""
    options = ["--schedule", str(Path(work_dir) / f"{name}-schedule")]
    return _start_celery("beat", options, env, work_dir, name, "beat: Starting...")


# --- HTTP ----------------------------------------------------------------------------------------


def one_request(method, port, path, body=None, headers=None, timeout=10):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


class Client:
    """One patient's browser: cookies, a CSRF token, a keep-alive connection when offered."""

    def __init__(self, port, timeout=30):
        self.port = port
        self.timeout = timeout
        # Django accepts a client-held 32-character secret as the CSRF cookie and form token.
        self.csrf = secrets.token_hex(16)
        self.cookies = {"csrftoken": self.csrf}
        self.connection = None

    def request(self, method, path, fields=None, body=None, content_type=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if fields is not None:
            body = urlencode([("csrfmiddlewaretoken", self.csrf), *fields]).encode()
            content_type = "application/x-www-form-urlencoded"
        if content_type:
            headers["Content-Type"] = content_type
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed the kept-alive connection: once more on a new one.
                self.close()
                if attempt == 2:
                    raise
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location", ""), data

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def forget_session(self):
        self.cookies.pop("sessionid", None)


def answer_steps(client, through="contact", email=None, statuses=None, post=None):
    """POST every step up to `through` with Next; True when each was accepted (302).

    `post(path, fields)` sends one step and returns its status (by default one request of
    `client`; a load run's patients retry after an error)."""
    if post is None:

        def post(path, fields):
            return client.request("POST", path, fields=fields)[0]

    for slug, fields in STEP_ANSWERS:
        fields = list(fields)
        if slug == "contact" and email:
            fields += [("email", email), *OPT_IN]
        status = post(step_path(slug), [*fields, ("next", "")])
        if statuses is not None:
            statuses.append(status)
        if status != 302:
            return False
        if slug == through:
            return True
    return True


def submit_intake(client, email=None, statuses=None):
    """The whole questionnaire as a patient sends it: 5 step POSTs and the review POST.

    Returns the results token when the submission was accepted (302 to the results page).
    """
    client.forget_session()
    if not answer_steps(client, email=email, statuses=statuses):
        return None
    status, location, _ = client.request("POST", "/intake/review/", fields=[])
    if statuses is not None:
        statuses.append(status)
    match = RESULTS_PATH.match(location) if status == 302 else None
    return match.group(1) if match else None


def make_draft_sessions(port, count, through="recovery"):
    """Session cookies whose drafts have every step up to `through` answered."""
    sessions = []
    for _ in range(count):
        client = Client(port)
        assert answer_steps(client, through=through), "could not answer the steps"
        sessions.append((client.cookies["sessionid"], client.csrf))
        client.close()
    return sessions


def make_intakes(port, count):
    tokens = []
    for _ in range(count):
        client = Client(port)
        token = submit_intake(client)
        assert token, "a submission was refused during set-up"
        tokens.append(token)
        client.close()
    return tokens


# --- Load generators ---------------------------------------------------------------------------


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def run_wrk(script, port, path, concurrency, duration, args=(), timeout_s=10):
    """Run wrk with one connection per thread (per-connection state in Lua); parse its report."""
    wrk = shutil.which("wrk")
    cmd = [
        wrk,
        "-t", str(concurrency),
        "-c", str(concurrency),
        "-d", f"{duration}s",
        "--timeout", f"{timeout_s}s",
        "-s", str(WRK_DIR / script),
        f"http://{HOST}:{port}{path}",
        "--",
        *map(str, args),
    ]  # fmt: skip
    env = {**os.environ, "BENCH_WRK_DIR": str(WRK_DIR)}
    result = subprocess.run(
        cmd, capture_output=True, text=True, env=env, timeout=duration + 60, check=False
    )
    report, operations = None, []
    for line in result.stdout.splitlines():
        if line.startswith("BENCHJSON "):
            report = json.loads(line[len("BENCHJSON ") :])
        elif line.startswith("BENCHOPS "):
            operations.extend(float(v) for v in line.split()[1:])
    if report is None:
        raise RuntimeError(f"wrk gave no report:\n{result.stdout}\n{result.stderr}")
    report["operations_ms"] = operations
    return report


class PythonLoad:
    """A closed-loop load of `concurrency` threads, each its own Client, for `duration` seconds.

    `operation(client, index)` does one operation (one request or one whole submission) and
    returns (http_requests, ok). Used where per-operation bookkeeping matters more than
    generator efficiency (load and fault runs), and for throughput when wrk is missing.
    """

    def __init__(self, port, concurrency, operation, setup=None):
        self.port = port
        self.concurrency = concurrency
        self.operation = operation
        self.setup = setup
        self.lock = threading.Lock()
        self.latencies_ms = []
        self.requests = 0
        self.ok = 0
        self.failed = 0
        self.errors = {}

    def _client(self, index, deadline, max_operations):
        client = Client(self.port)
        if self.setup:
            self.setup(client, index)
        latencies, requests, ok, failed, errors = [], 0, 0, 0, {}
        done = 0
        while time.monotonic() < deadline and done < max_operations:
            start = time.perf_counter()
            try:
                count, success = self.operation(client, index)
            except (OSError, http.client.HTTPException) as exc:
                count, success = 1, False
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                client.close()
                time.sleep(0.05)  # a refused connection must not spin
            latencies.append((time.perf_counter() - start) * 1000)
            requests += count
            done += 1
            if success:
                ok += 1
            else:
                failed += 1
        client.close()
        with self.lock:
            self.latencies_ms.extend(latencies)
            self.requests += requests
            self.ok += ok
            self.failed += failed
            for key, value in errors.items():
                self.errors[key] = self.errors.get(key, 0) + value

    def run(self, duration, max_operations=10**7):
        deadline = time.monotonic() + duration
        threads = [
            threading.Thread(target=self._client, args=(i, deadline, max_operations), daemon=True)
            for i in range(self.concurrency)
        ]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(duration + 120)
        self.elapsed = time.perf_counter() - start
        return self


def summarize_ms(values):
    if not values:
        return {"p50": float("nan"), "p99": float("nan"), "mean": float("nan")}
    return {
        "p50": percentile(values, 0.50),
        "p99": percentile(values, 0.99),
        "mean": statistics.fmean(values),
    }


# --- CPU accounting: what the server, the generator and the rest of the machine spent ------------

_TICK = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()


def group_cpu_seconds(pgid):
    """CPU seconds (user + system) of the live processes in process group `pgid`."""
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = _stat_fields(entry)
        except OSError:
            continue
        if int(fields[2]) == pgid:
            total += (int(fields[11]) + int(fields[12])) / _TICK
    return total


def machine_cpu_seconds():
    """(busy, total) CPU seconds of the whole machine since boot, all cores."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / _TICK, sum(values) / _TICK


def children_cpu_seconds():
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class CpuMeter:
    """CPU spent during a measurement by the server's process group, by the load generator (a
    waited-for child of this script) and by everything else (PostgreSQL, Redis, the kernel,
    other users of the machine)."""

    def __init__(self, server_pgid):
        self.server_pgid = server_pgid

    def __enter__(self):
        self.server = group_cpu_seconds(self.server_pgid)
        # wrk is a waited-for child; the Python client runs in this process's threads.
        self.generator = children_cpu_seconds() + time.process_time()
        self.busy, self.total = machine_cpu_seconds()
        return self

    def __exit__(self, *exc):
        self.server = group_cpu_seconds(self.server_pgid) - self.server
        self.generator = children_cpu_seconds() + time.process_time() - self.generator
        busy, total = machine_cpu_seconds()
        self.busy, self.total = busy - self.busy, total - self.total
        self.rest = max(0.0, self.busy - self.server - self.generator)
        self.busy_share = self.busy / self.total if self.total else float("nan")
        return False


@contextmanager
def timed(label):
    start = time.perf_counter()
    yield
    log(f"{label}: {time.perf_counter() - start:.1f} s")
