"""Helpers for the follow-up tests: the questionnaire answered through the client, and Celery
pointed at a broker."""

import os
from contextlib import contextmanager

import redis
from django.urls import reverse
from kombu import pools

from resurfacing.celery import app as celery_app
from tests.conftest import skip_or_fail
from treatments.vocabulary import HEALTH_FLAGS


def complete_questionnaire(client, **contact):
    """Answer every step in the browser's place and submit; returns the final response."""
    posts = [
        ("concerns", {"concerns": ["acne_scars"]}),
        ("skin-type", {"method": "stated", "stated_type": "2"}),
        ("recovery", {"recovery": "up_to_1_week"}),
        ("health", {"health_consent": "on", **dict.fromkeys(HEALTH_FLAGS, "no")}),
        (
            "contact",
            {
                "adult_confirmed": "on",
                "consent": "on",
                "name": "Ada",
                "email": "ada@example.com",
                "followup_opt_in": "on",
                **contact,
            },
        ),
    ]
    for slug, data in posts:
        response = client.post(reverse("intake:step", args=[slug]), data)
        assert response.status_code == 302, f"step {slug} was refused"
    return client.post(reverse("intake:review"), follow=True)


def forget_connections():
    """Drop Celery's pooled broker connections, so the next publish connects to the new URL."""
    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def point_celery_at(url, monkeypatch):
    """Publish to and consume from `url` (the environment variable wins over the setting)."""
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    celery_app.conf.broker_url = url
    forget_connections()


@contextmanager
def redis_broker(monkeypatch, queue, **conf):
    """Celery on the real Redis (CELERY_BROKER_URL when it is Redis) and on a queue of the
    tests' own, with `conf` set; yields a Redis client whose `url` is the broker's. Everything
    is put back afterwards."""
    url = os.environ.get("CELERY_BROKER_URL", "")
    url = url if url.startswith("redis://") else "redis://127.0.0.1:6379/15"
    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        skip_or_fail(f"Redis not reachable at {url}")
    client.delete(queue)
    client.url = url
    changes = {"task_default_queue": queue, "task_always_eager": False, **conf}
    saved = {key: celery_app.conf[key] for key in ("broker_url", *changes)}
    celery_app.conf.update(changes)
    point_celery_at(url, monkeypatch)
    try:
        yield client
    finally:
        celery_app.conf.update(saved)
        forget_connections()
        client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
