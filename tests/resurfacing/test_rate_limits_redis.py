"""Rate limits counted in Redis, as in production (CACHE_URL is a RedisCache): on a client kept
per cache, a batch of counts per round trip while a client is far below its limit and every
count from half of it on, one count per client and window that expires with the window, and the
site still serving when Redis is down. Against the real Redis on 127.0.0.1.

Locally these skip when Redis is not running; in CI (REQUIRE_SERVICES=1) they fail instead.
"""

import logging
import os

import pytest
import redis
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCacheClient
from django.test import RequestFactory
from redis.connection import AbstractConnection

from resurfacing import ratelimit
from tests.conftest import skip_or_fail
from tests.resurfacing.api_client import README_EXAMPLE, FrozenClock, post

REDIS = "redis://127.0.0.1:6379/13"  # a database no other test, benchmark or the app uses
PREFIX = f"ratelimit-tests-{os.getpid()}"  # only keys under this prefix are touched
CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens there: Redis is "down"
ADDRESS = "198.51.100.23"


def use_cache(settings, location):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": PREFIX,
        }
    }


def forget_counts(server):
    for key in server.scan_iter(f"{PREFIX}:*"):
        server.delete(key)


@pytest.fixture
def server():
    client = redis.Redis.from_url(REDIS, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        skip_or_fail(f"Redis not reachable at {REDIS}")
    forget_counts(client)
    yield client
    forget_counts(client)


@pytest.fixture
def clock(monkeypatch):
    clock = FrozenClock()
    monkeypatch.setattr(ratelimit, "time", clock)
    return clock


@pytest.fixture
def logged(caplog):
    """The rate limiter's log messages (whatever level earlier tests left the root logger at)."""
    caplog.set_level(logging.WARNING, logger=ratelimit.logger.name)
    return lambda: [r.getMessage() for r in caplog.records if r.name == ratelimit.logger.name]


@pytest.fixture
def redis_cache(settings, server, clock):
    use_cache(settings, REDIS)
    assert isinstance(cache._cache, RedisCacheClient)


def hit(rate="3/m", address=ADDRESS, scope="api"):
    return ratelimit.over_limit(RequestFactory().post("/", REMOTE_ADDR=address), scope, rate)


def count_key(clock, period=60, address=ADDRESS, scope="api"):
    """The key of this client's count in Redis: the cache's full key (prefix and version)."""
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    window = int(clock.now // period)
    key = f"ratelimit:{scope}:{ratelimit._client_key(request)}:{window}"
    return key, cache.make_and_validate_key(key)


def test_each_request_of_a_client_counts_in_its_window(redis_cache, server, clock):
    assert [hit("3/m") for _ in range(5)] == [False, False, False, True, True]

    key, full_key = count_key(clock)
    assert [k.decode() for k in server.scan_iter(f"{PREFIX}:*")] == [full_key]
    assert full_key.startswith(f"{PREFIX}:1:ratelimit:api:")
    assert ADDRESS not in full_key
    assert int(server.get(full_key)) == 5
    assert cache.get(key) == 5  # readable through Django's cache too

    assert hit("3/m", address="198.51.100.99") is False  # another client has its own count
    clock.now += 60  # the next window starts from nothing
    assert hit("3/m") is False
    assert int(server.get(count_key(clock)[1])) == 1


def test_the_api_answers_429_over_the_limit(redis_cache, client, settings, db):
    settings.API_RATE = "2/m"
    statuses = [post(client, README_EXAMPLE, REMOTE_ADDR=ADDRESS).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert post(client, README_EXAMPLE, REMOTE_ADDR="198.51.100.99").status_code == 200


def test_a_count_expires_after_its_window_and_later_requests_keep_the_first_expiry(
    redis_cache, server, clock
):
    hit("3/m")
    full_key = count_key(clock)[1]
    assert 59 <= server.ttl(full_key) <= 61  # the period and a second

    server.expire(full_key, 5)
    hit("3/m")
    assert 0 < server.ttl(full_key) <= 5  # SET ... NX: not pushed back by each request
    assert int(server.get(full_key)) == 2


def test_a_request_costs_one_round_trip_and_builds_no_client(redis_cache, monkeypatch):
    hit()  # connects (the handshake is its own round trip)
    sent, clients = [], []
    send = AbstractConnection.send_packed_command
    get_client = RedisCacheClient.get_client

    def counted_send(connection, command, *args, **kwargs):
        sent.append(command)
        return send(connection, command, *args, **kwargs)

    def counted_client(*args, **kwargs):
        clients.append(args)
        return get_client(*args, **kwargs)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", counted_send)
    monkeypatch.setattr(RedisCacheClient, "get_client", counted_client)
    for _ in range(3):
        hit()
    assert len(sent) == 3
    assert clients == []


def test_a_failed_count_leaves_no_reply_behind_for_the_next_request(
    redis_cache, server, clock, logged
):
    server.set(count_key(clock, address="198.51.100.99")[1], "not a number")
    assert hit("2/m", address="198.51.100.99") is False  # INCR fails: served, not counted
    assert logged() == ["Rate limit api not counted: cache unavailable (ResponseError)"]

    assert [hit("2/m") for _ in range(3)] == [False, False, True]
    assert int(server.get(count_key(clock)[1])) == 3


def test_with_redis_down_requests_are_served_and_a_warning_names_only_the_error(
    settings, clock, client, caplog, logged, db
):
    use_cache(settings, CLOSED_PORT)
    assert [hit("1/m") for _ in range(3)] == [False, False, False]
    settings.API_RATE = "1/m"
    for _ in range(2):
        assert post(client, README_EXAMPLE, REMOTE_ADDR=ADDRESS).status_code == 200

    assert set(logged()) == {"Rate limit api not counted: cache unavailable (ConnectionError)"}
    assert ADDRESS not in caplog.text


def stored_count(server, clock):
    value = server.get(count_key(clock)[1])
    return int(value) if value is not None else 0


def test_far_below_its_limit_a_clients_counts_reach_redis_a_batch_at_a_time(
    redis_cache, server, clock
):
    # 160 a minute: batches of 10 (a sixteenth), until half the limit.
    stored = []
    for _ in range(20):
        hit("160/m")
        stored.append(stored_count(server, clock))

    assert stored == [0] * 9 + [10] * 10 + [20]


def test_from_half_its_limit_every_request_is_counted_in_redis_before_it_is_judged(
    redis_cache, server, clock
):
    for _ in range(32):  # batches of 4 up to half of 64
        hit("64/m")
    stored = []
    for _ in range(8):
        hit("64/m")
        stored.append(stored_count(server, clock))

    assert stored == list(range(33, 41))


def test_one_process_refuses_a_client_exactly_at_its_limit(redis_cache, clock):
    assert [hit("64/m") for _ in range(66)] == [False] * 64 + [True, True]


def test_limits_under_32_a_window_are_counted_in_redis_at_every_request(redis_cache, server, clock):
    stored = []
    for _ in range(3):
        hit("31/m")
        stored.append(stored_count(server, clock))

    assert stored == [1, 2, 3]


def test_several_processes_admit_at_most_the_counts_the_others_hold_back(
    redis_cache, server, clock
):
    # Three web processes, each with its own connection, serving one client in turn.
    clients = [redis.Redis.from_url(REDIS) for _ in range(3)]
    processes = [ratelimit.RedisCounter(client) for client in clients]
    key = count_key(clock)[1]
    limit, held_back_at_most = 64, 4 - 1  # batches of 4

    admitted = sum(
        processes[turn % 3].count(key, limit, timeout=61) <= limit for turn in range(200)
    )

    assert limit <= admitted <= limit + 2 * held_back_at_most
    for client in clients:
        client.close()


def test_a_failing_non_redis_cache_is_served_after_a_redis_one_was_used(
    redis_cache, settings, monkeypatch, logged
):
    hit()  # this thread now keeps a Redis counter
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(LocMemCache, "add", broken)

    assert hit() is False
    assert logged() == ["Rate limit api not counted: cache unavailable (ConnectionError)"]
