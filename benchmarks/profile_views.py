"""Where a request's time goes: per endpoint, in one process, without a server.

    .venv/bin/python benchmarks/profile_views.py [--requests 200] [--profile step_get] [--top 25]

Runs each endpoint through Django's full handler and middleware (django.test.Client, production
settings: DEBUG off, PostgreSQL database `bench`, Redis cache) and prints the mean time per
request, the SQL queries per request (CaptureQueriesContext) and, with --profile, the functions
that take the time (cProfile, sorted by cumulative time). Run benchmarks/throughput.py once
first (it creates and migrates the database), or pass --setup.
"""

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness  # noqa: E402

NAMES = ["bare", "api", "step_get", "step_post", "results", "review_post", "submission"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument("--database", default="bench")
    parser.add_argument("--setup", action="store_true", help="recreate and migrate the database")
    parser.add_argument(
        "--conn-max-age", type=int, default=None, help="DB_CONN_MAX_AGE (default: the app's)"
    )
    parser.add_argument("--no-redis-cache", action="store_true", help="local-memory cache")
    parser.add_argument("--profile", nargs="*", choices=NAMES, default=[], help="cProfile these")
    parser.add_argument("--top", type=int, default=25, help="lines of each profile")
    parser.add_argument("--queries", action="store_true", help="print each endpoint's SQL")
    return parser.parse_args()


def profile(args):
    work_dir = Path(tempfile.mkdtemp(prefix="resurfacing-profile-"))
    env = harness.app_env(
        args.database,
        work_dir,
        conn_max_age=args.conn_max_age,
        redis_cache=not args.no_redis_cache,
        extra={"ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"},
    )
    if args.setup or not harness.database_exists(args.database):
        harness.prepare_database(args.database, env, fresh=True)
    elif not (work_dir / "static" / "staticfiles.json").exists():
        harness.manage(env, "collectstatic", "--noinput")
    os.environ.update(env)

    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    health = dict(harness.STEP_ANSWERS)["health"]

    def form(fields):
        data = {}
        for key, value in fields:
            data.setdefault(key, []).append(value)
        return data

    flow = Client()  # reused: a new test client loads the middleware (and scans static files)

    def patient(through="recovery", client=None):
        if client is None:
            client = Client()
        client.cookies.clear()
        for slug, fields in harness.STEP_ANSWERS:
            if slug == "contact":
                fields = [*fields, ("email", "ann@example.com"), *harness.OPT_IN]
            response = client.post(harness.step_path(slug), form([*fields, ("next", "")]))
            assert response.status_code == 302, (slug, response.status_code)
            if slug == through:
                break
        return client

    token = patient("contact").post("/intake/review/")["Location"].split("/")[-2]
    draft = patient()
    anonymous = Client()

    def review_post():
        client = patient("contact", flow)
        start, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as captured:
            response = client.post("/intake/review/")
        elapsed = (time.perf_counter() - start, time.process_time() - cpu)
        return response, elapsed, list(captured.captured_queries)

    requests = {
        "bare": lambda: anonymous.get("/bench/bare"),
        "api": lambda: anonymous.post(
            "/api/v1/recommendations", harness.API_BODY, content_type="application/json"
        ),
        "step_get": lambda: draft.get(harness.step_path("health")),
        # Encoded as a browser (and benchmarks/throughput.py) sends it, not as multipart.
        "step_post": lambda: draft.post(
            harness.step_path("health"),
            urlencode([*health, ("next", "")]),
            content_type="application/x-www-form-urlencoded",
        ),
        "results": lambda: anonymous.get(f"/intake/results/{token}/"),
    }
    expected = {"bare": 200, "api": 200, "step_get": 200, "step_post": 302, "results": 200}

    print(f"benchmarks/profile_views.py — {harness.machine_note()}")
    print(
        "ms/request: wall time; CPU ms: this process's CPU time (PostgreSQL's and Redis's own "
        "work not included); req/s/core = 1000 / CPU ms."
    )
    print(
        f"In-process (django.test.Client, no server, no network client), DEBUG off, PostgreSQL, "
        f"{'local-memory' if args.no_redis_cache else 'Redis'} cache, "
        f"DB_CONN_MAX_AGE={harness.conn_max_age_note(args.conn_max_age)}; "
        f"{args.requests} requests each after 20 warm-up."
    )
    header = (
        f"{'endpoint':<14} {'ms/request':>10} {'CPU ms':>7} {'req/s/core':>10} {'queries':>8}  "
        "statements"
    )
    print(header)
    print("-" * len(header))
    profiles = {}
    for name, make in requests.items():
        for _ in range(20):
            response = make()
            assert response.status_code == expected[name], (name, response.status_code)
        with CaptureQueriesContext(connection) as captured:
            make()
        queries = list(captured.captured_queries)
        kinds = Counter(q["sql"].split()[0].upper() for q in queries)
        profiler = cProfile.Profile() if name in args.profile else None
        start, cpu_start = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        for _ in range(args.requests):
            make()
        if profiler:
            profiler.disable()
            profiles[name] = profiler
        per = (time.perf_counter() - start) / args.requests
        cpu = (time.process_time() - cpu_start) / args.requests
        print(
            f"{name:<14} {per * 1000:>10.2f} {cpu * 1000:>7.2f} {1 / cpu:>10.0f} "
            f"{len(queries):>8}  " + ", ".join(f"{k} {v}" for k, v in kinds.most_common())
        )
        if args.queries:
            for query in queries:
                print(f"    {query['sql'][:160]}")
        reset_queries()

    # The review POST needs a fresh finished draft each time: timed alone, set-up excluded.
    count = max(10, args.requests // 4)
    times, profiler = [], cProfile.Profile() if "review_post" in args.profile else None
    for _ in range(count):
        if profiler:
            profiler.enable()
        response, seconds, queries = review_post()
        if profiler:
            profiler.disable()
        assert response.status_code == 302, response.status_code
        times.append(seconds)
    if profiler:
        profiles["review_post"] = profiler
    kinds = Counter(q["sql"].split()[0].upper() for q in queries)
    per = sum(wall for wall, _ in times) / len(times)
    cpu = sum(used for _, used in times) / len(times)
    print(
        f"{'review_post':<14} {per * 1000:>10.2f} {cpu * 1000:>7.2f} {1 / cpu:>10.0f} "
        f"{len(queries):>8}  " + ", ".join(f"{k} {v}" for k, v in kinds.most_common())
    )
    if args.queries:
        for query in queries:
            print(f"    {query['sql'][:160]}")

    # A whole submission: the 5 step POSTs and the review POST.
    start, cpu_start, total_queries = time.perf_counter(), time.process_time(), 0
    profiler = cProfile.Profile() if "submission" in args.profile else None
    for _ in range(count):
        if profiler:
            profiler.enable()
        with CaptureQueriesContext(connection) as captured:
            client = patient("contact", flow)
            assert client.post("/intake/review/").status_code == 302
        if profiler:
            profiler.disable()
        total_queries = len(captured.captured_queries)
    if profiler:
        profiles["submission"] = profiler
    per = (time.perf_counter() - start) / count
    cpu = (time.process_time() - cpu_start) / count
    print(
        f"{'submission':<14} {per * 1000:>10.2f} {cpu * 1000:>7.2f} {1 / cpu:>10.0f} "
        f"{total_queries:>8}  (6 requests)"
    )

    for name, profiler in profiles.items():
        print(f"\n=== cProfile: {name} (cumulative) ===")
        pstats.Stats(profiler).strip_dirs().sort_stats("cumulative").print_stats(args.top)
        print(f"=== cProfile: {name} (own time) ===")
        pstats.Stats(profiler).strip_dirs().sort_stats("tottime").print_stats(args.top)


def main():
    args = parse_args()
    with harness.managed():  # nothing runs in the background; the same guarantee all the same
        profile(args)


if __name__ == "__main__":
    main()
