"""Rate limits counted in Redis, as in production (CACHE_URL): every process shares one count
per client, route and window, which expires with the window and names no address; with Redis
down the site serves. Against the real Redis on 127.0.0.1: locally these skip when it is not
running, in CI (REQUIRE_SERVICES=1) they fail instead."""

import logging

import pytest
import redis
from django.test import Client

from common import ratelimit
from tests.conftest import skip_or_fail
from tests.resurfacing.api_client import README_EXAMPLE, fresh_rate_limits, post

REDIS = "redis://127.0.0.1:6379/13"  # a database no other test, benchmark or the app uses
NOTHING_LISTENS = "redis://127.0.0.1:1/0"
ADDRESS = "198.51.100.23"

pytestmark = pytest.mark.django_db


def forget_counts(server):
    for key in server.scan_iter("ratelimit:*"):
        server.delete(key)


@pytest.fixture
def server(settings, monkeypatch):
    client = redis.Redis.from_url(REDIS, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        skip_or_fail(f"Redis not reachable at {REDIS}")
    settings.CACHE_URL = REDIS
    settings.API_RATE = "2/m"
    forget_counts(client)
    with fresh_rate_limits(monkeypatch):
        yield client
    forget_counts(client)


def test_over_the_limit_the_api_answers_429_counted_in_redis(server, client):
    statuses = [post(client, README_EXAMPLE, REMOTE_ADDR=ADDRESS).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert post(client, README_EXAMPLE, REMOTE_ADDR="198.51.100.99").status_code == 200


def test_clients_of_other_web_processes_share_the_count(server, client):
    post(client, README_EXAMPLE, REMOTE_ADDR=ADDRESS)
    ratelimit._redis.cache_clear()  # another process: a client and connections of its own
    post(Client(), README_EXAMPLE, REMOTE_ADDR=ADDRESS)
    assert post(client, README_EXAMPLE, REMOTE_ADDR=ADDRESS).status_code == 429


def test_a_count_expires_with_its_window_and_names_no_address(server, client):
    post(client, README_EXAMPLE, REMOTE_ADDR=ADDRESS)
    post(client, README_EXAMPLE, REMOTE_ADDR=ADDRESS)
    [key] = [key.decode() for key in server.scan_iter("ratelimit:*")]
    assert key.startswith("ratelimit:api:")
    assert ADDRESS not in key
    assert int(server.get(key)) == 2
    assert 0 < server.ttl(key) <= 61  # set by the first request, not pushed back by the second


def test_with_redis_down_requests_are_served_and_a_warning_names_the_error(
    server, client, settings, caplog
):
    settings.CACHE_URL = NOTHING_LISTENS
    caplog.set_level(logging.WARNING, logger=ratelimit.logger.name)
    statuses = [post(client, README_EXAMPLE, REMOTE_ADDR=ADDRESS).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    assert "Rate limit api not counted: cache unavailable (ConnectionError)" in caplog.text
