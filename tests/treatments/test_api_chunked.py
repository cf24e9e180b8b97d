"""A body sent in chunks, without a Content-Length, is held to the same limit as any other."""

import io
import json

import pytest

from tests.resurfacing.api_client import README_EXAMPLE, URL, fresh_rate_limits

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits(monkeypatch):
    with fresh_rate_limits(monkeypatch):
        yield


def post_chunked(client, body):
    """As gunicorn hands a chunked request over: no Content-Length, the body in wsgi.input."""
    return client.generic(
        "POST",
        URL,
        content_type="application/json",
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": io.BytesIO(body)},
    )


def test_a_chunked_body_over_the_limit_gets_413(client, settings):
    body = json.dumps({**README_EXAMPLE, "padding": "x" * settings.API_MAX_BODY_BYTES}).encode()
    response = post_chunked(client, body)
    assert response.status_code == 413
    assert "larger than" in response.json()["error"]


def test_a_chunked_body_within_the_limit_is_answered(client):
    response = post_chunked(client, json.dumps(README_EXAMPLE).encode())
    assert response.status_code == 200
    assert response.json()["candidates"]
