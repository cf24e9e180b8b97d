"""What oversized draft answers cost the server: worker memory and the largest session row.

    .venv/bin/python benchmarks/draft_memory.py [--posts 200] [--size-mb 2] [--same-session]

Starts the app under gunicorn (3 sync workers, the production-like settings of throughput.py,
the rate limits raised), answers the steps before the contact step, then posts --posts distinct
names of --size-mb MB each to the contact step, each from its own patient's session (or all
from one with --same-session), and reloads the step page after each post. It reads the gunicorn
workers' total resident memory (VmRSS in /proc) before and after, and the largest
`django_session.session_data` in PostgreSQL, and prints them with PASS/FAIL against the
limits. Exits 0 whatever the figures (a report); 2, with one line on stderr, on bad arguments.
"""

import os
import secrets
import string
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness  # noqa: E402
from benchmarks.harness import log  # noqa: E402

MB = 1024 * 1024
KB = 1024
GROWTH_LIMIT = 50 * MB  # the workers' memory after the posts, over before
SESSION_ROW_LIMIT = 64 * KB  # the largest session_data
CONTACT = "contact"


def parse_args(argv=None):
    parser = harness.OneLineParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=200, help="distinct oversized names posted")
    parser.add_argument("--size-mb", type=float, default=2.0, help="size of each name, MB")
    parser.add_argument(
        "--same-session", action="store_true", help="post every name from one patient's session"
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--settle", type=float, default=2.0, help="seconds before reading memory")
    parser.add_argument("--database", default="bench_draft", help="PostgreSQL database (bench*)")
    parser.add_argument(
        "--skip-setup", action="store_true", help="reuse the database of an earlier run"
    )
    parser.add_argument("--work-dir", default=None, help="logs, static files (default: a temp dir)")
    args = parser.parse_args(argv)
    if not 1 <= args.posts <= 10_000:
        parser.error("--posts must be between 1 and 10000")
    if not 0 < args.size_mb <= 16:
        parser.error("--size-mb must be above 0 and at most 16")
    if not 1 <= args.workers <= 16:
        parser.error("--workers must be between 1 and 16")
    if not 0 <= args.settle <= 60:
        parser.error("--settle must be between 0 and 60")
    if not args.database.startswith("bench"):
        parser.error("--database must be named bench*")
    return args


def worker_pids(master_pid):
    """The gunicorn master's children (its workers), from /proc."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            pids.append(int(entry))
    return sorted(pids)


def rss_bytes(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def workers_rss(master_pid):
    pids = worker_pids(master_pid)
    return pids, sum(rss_bytes(pid) for pid in pids)


def distinct_name(index, size):
    """`size` bytes of letters, different for every index (a prefix, then random letters)."""
    prefix = f"name{index:06d}-{secrets.token_hex(8)}-"
    alphabet = string.ascii_letters
    filler = "".join(secrets.choice(alphabet) for _ in range(4096))
    body = (filler * (size // len(filler) + 1))[: size - len(prefix)]
    return prefix + body


def prepared_patient(port):
    """A patient whose steps before the contact step are answered."""
    client = harness.Client(port, timeout=60)
    slugs = [slug for slug, _ in harness.STEP_ANSWERS]
    before = slugs[slugs.index(CONTACT) - 1]
    assert harness.answer_steps(client, through=before), "could not answer the earlier steps"
    return client


def contact_fields(name):
    fields = [(key, value) for key, value in dict(harness.STEP_ANSWERS)[CONTACT] if key != "name"]
    return [*fields, ("name", name), ("next", "")]


def measure(args, work_dir):
    env = harness.app_env(args.database, work_dir)
    if args.skip_setup and harness.database_exists(args.database):
        if not (work_dir / "static" / "staticfiles.json").exists():
            harness.manage(env, "collectstatic", "--noinput")
    else:
        harness.prepare_database(args.database, env, fresh=True)
    harness.sql(args.database, "TRUNCATE django_session")
    for db in (9, 10):
        harness.redis_cli("flushdb", db=db)
    server = harness.start_gunicorn(env, work_dir, args.workers)
    port = server.port
    log(f"gunicorn pid {server.pid} on 127.0.0.1:{port}, {args.workers} workers")
    contact_path = harness.step_path(CONTACT)
    size = int(args.size_mb * MB)

    # Patients first, and every worker warmed up on the contact page, so that "before" is a
    # server that has already served this page.
    count = 1 if args.same_session else args.posts
    patients = [prepared_patient(port) for _ in range(count)]
    for patient in patients[: max(args.workers * 4, 1)]:
        status, _, _ = patient.request("GET", contact_path)
        assert status == 200, f"contact step page: {status}"
    for patient in patients:
        patient.close()
    time.sleep(args.settle)
    pids, before = workers_rss(server.pid)
    log(f"workers {pids}: {before / MB:.1f} MB resident before the posts")

    statuses, page_statuses, page_bytes = {}, {}, []
    halfway = None  # the workers' memory after the first half of the posts
    started = time.monotonic()
    for index in range(args.posts):
        if index == args.posts // 2 and index:
            time.sleep(args.settle)
            halfway = workers_rss(server.pid)[1]
        patient = patients[0 if args.same_session else index]
        try:
            status, _, _ = patient.request(
                "POST", contact_path, fields=contact_fields(distinct_name(index, size))
            )
        except (BrokenPipeError, ConnectionResetError):
            # The server answered (400: a body larger than any form) and closed the connection
            # before reading what was still being sent.
            status = "refused unread"
            patient.close()
        statuses[status] = statuses.get(status, 0) + 1
        status, _, page = patient.request("GET", contact_path)
        page_statuses[status] = page_statuses.get(status, 0) + 1
        page_bytes.append(len(page))
        patient.close()
    elapsed = time.monotonic() - started - (args.settle if halfway is not None else 0)
    time.sleep(args.settle)
    pids_after, after = workers_rss(server.pid)
    largest = harness.sql(
        args.database, "SELECT coalesce(max(length(session_data)), 0) FROM django_session"
    )[0][0]
    sessions = harness.sql(args.database, "SELECT count(*) FROM django_session")[0][0]
    server.stop()
    return {
        "posts": args.posts,
        "size": size,
        "sessions": count,
        "elapsed": elapsed,
        "statuses": statuses,
        "page_statuses": page_statuses,
        "page_max": max(page_bytes),
        "pids": pids,
        "pids_after": pids_after,
        "before": before,
        "halfway": halfway,
        "after": after,
        "largest": largest,
        "session_rows": sessions,
    }


def report(args, figures):
    growth = figures["after"] - figures["before"]
    posted = ", ".join(
        f"{status}: {n}" for status, n in sorted(figures["statuses"].items(), key=str)
    )
    pages = ", ".join(f"{status}: {n}" for status, n in sorted(figures["page_statuses"].items()))
    print()
    print(
        f"{figures['posts']} distinct names of {figures['size'] / MB:.2f} MB posted to the "
        f"contact step from {figures['sessions']} session(s) in {figures['elapsed']:.1f} s, each "
        f"followed by a reload of the page; gunicorn {args.workers} sync workers, DEBUG off, "
        f"PostgreSQL, Redis cache."
    )
    print(f"  POST statuses: {posted}; reload statuses: {pages}")
    print(f"  largest reloaded page: {figures['page_max'] / KB:.1f} KB")
    print(
        f"  workers' resident memory: {figures['before'] / MB:.1f} MB before, "
        f"{figures['after'] / MB:.1f} MB after, growth {growth / MB:+.1f} MB"
        + ("" if figures["pids"] == figures["pids_after"] else " (a worker was replaced)")
    )
    if figures["halfway"] is not None:
        first = figures["halfway"] - figures["before"]
        second = figures["after"] - figures["halfway"]
        half = figures["posts"] // 2
        print(
            f"  of which {first / MB:+.1f} MB over the first {half} posts and "
            f"{second / MB:+.1f} MB over the other {figures['posts'] - half} (answers kept "
            f"by the app would grow with every post; the allocator's high-water mark need not)"
        )
    print(
        f"  largest django_session.session_data: {figures['largest'] / KB:.1f} KB "
        f"({figures['largest']} characters; {figures['session_rows']} session rows)"
    )
    verdicts = [
        (
            f"memory growth < {GROWTH_LIMIT / MB:.0f} MB",
            growth < GROWTH_LIMIT,
            f"{growth / MB:+.1f} MB",
        ),
        (
            f"largest session row < {SESSION_ROW_LIMIT / KB:.0f} KB",
            figures["largest"] < SESSION_ROW_LIMIT,
            f"{figures['largest'] / KB:.1f} KB",
        ),
    ]
    print()
    print("Limits:")
    for label, ok, shown in verdicts:
        print(f"  {'PASS' if ok else 'FAIL'}  {label} (measured {shown})")


def main(argv=None):
    args = parse_args(argv)
    print(f"benchmarks/draft_memory.py — {harness.machine_note()}", flush=True)
    if not harness.pg_ready() or not harness.redis_ready():
        sys.exit("PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) must be running.")
    work_dir = Path(args.work_dir or tempfile.mkdtemp(prefix="resurfacing-draft-memory-"))
    work_dir.mkdir(parents=True, exist_ok=True)
    log(f"work directory {work_dir} (gunicorn.log is there)")
    with harness.managed():
        try:
            figures = measure(args, work_dir)
        finally:
            for db in (9, 10):
                harness.redis_cli("flushdb", db=db)
    report(args, figures)


if __name__ == "__main__":
    main()
