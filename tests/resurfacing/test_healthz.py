"""GET /healthz for load balancers: database and broker state, 503 only without the database,
answered whatever the Host header and over plain HTTP, and nothing secret in it."""

import json
import os
import time

import pytest
from django.db.utils import OperationalError
from kombu import pools

from resurfacing import health
from resurfacing.celery import app as celery_app
from tests.conftest import REQUIRE_SERVICES

URL = "/healthz"
SECRET_PASSWORD = "s3cret-Pa55word"


@pytest.fixture
def broker_at(monkeypatch):
    """Point the Celery app at another broker for the test (the environment wins over conf)."""
    saved = celery_app.conf.broker_url

    def point_at(url):
        monkeypatch.setenv("CELERY_BROKER_URL", url)
        celery_app.conf.broker_url = url
        pools.reset()

    yield point_at
    celery_app.conf.broker_url = saved
    pools.reset()


@pytest.fixture
def database_down(monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OperationalError(
                f'connection to server at "db" failed: password "{SECRET_PASSWORD}" rejected'
            )

    monkeypatch.setattr(health, "connection", Unreachable())


@pytest.mark.django_db
def test_with_database_and_broker_up_it_is_ok(client):
    broker = os.environ.get("CELERY_BROKER_URL", "filesystem://")
    response = client.get(URL)
    if response.json()["broker"] != "ok" and not REQUIRE_SERVICES and broker != "filesystem://":
        pytest.skip(f"the broker {broker.split('@')[-1]} is not running")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_without_the_broker_it_is_degraded_but_still_200(client, broker_at):
    broker_at("redis://127.0.0.1:1/0")  # nothing listens there
    started = time.monotonic()
    response = client.get(URL)
    assert time.monotonic() - started < 1.5, "a load balancer would time out"
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "broker": "down"}


def test_without_the_database_it_is_503(client, database_down):
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["database"] == "down"


def test_it_never_reveals_secrets(client, database_down, broker_at, settings):
    broker_at(f"redis://:{SECRET_PASSWORD}@127.0.0.1:1/0")
    response = client.get(URL)
    body = response.content.decode()
    assert set(json.loads(body)) == {"status", "database", "broker"}
    for secret in (SECRET_PASSWORD, settings.SECRET_KEY, "redis://", "127.0.0.1", "postgres"):
        assert secret not in body
    assert response.json() == {"status": "unavailable", "database": "down", "broker": "down"}


@pytest.mark.django_db
def test_it_answers_a_load_balancer_that_probes_by_address(client):
    response = client.get(URL, HTTP_HOST="10.0.3.7:8000")  # not in ALLOWED_HOSTS
    assert response.status_code == 200


@pytest.mark.django_db
def test_it_answers_plain_http_when_https_is_enforced(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(URL).status_code == 200
    assert client.get("/").status_code == 301  # everything else goes to HTTPS


@pytest.mark.django_db
def test_it_is_never_cached(client):
    assert "no-store" in client.get(URL)["Cache-Control"]


@pytest.mark.django_db
def test_it_only_answers_get_and_head(client):
    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405
