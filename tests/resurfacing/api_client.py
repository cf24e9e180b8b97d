"""Helpers for the tests of the JSON API and of the rate limits."""

import io
import json
from contextlib import contextmanager

from django.core.cache import cache
from django.core.management import call_command

from common import ratelimit
from tests import worked_example

URL = "/api/v1/recommendations"
OPENAPI_URL = "/api/v1/openapi.json"

# The README's example: the worked example of docs/clinical-basis.md, section 8.
README_EXAMPLE = worked_example.INTAKE


def post(client, body, **extra):
    """POST a body: bytes as they are, anything else as JSON."""
    data = body if isinstance(body, bytes) else json.dumps(body)
    return client.generic("POST", URL, data, content_type="application/json", **extra)


def recommend_command(data):
    """What `manage.py recommend -` prints for `data`, parsed."""
    out = io.StringIO()
    call_command("recommend", "-", stdin=io.StringIO(json.dumps(data)), stdout=out)
    return json.loads(out.getvalue())


def in_the_clinics_currency(printed, currency="USD", language="en"):
    """What the API answers for what the command printed: each result names the currency of
    its fees (the clinic's; USD until a test changes it) and the language of its texts."""
    if isinstance(printed, list):
        return [in_the_clinics_currency(result, currency, language) for result in printed]
    return {**printed, "currency": currency, "language": language}


class FrozenClock:
    """Stands in for the `time` module in common.ratelimit: one window all test long."""

    def __init__(self, now=1_800_000_000.0):
        self.now = now

    def time(self):
        return self.now


@contextmanager
def fresh_rate_limits(monkeypatch):
    """Empty rate-limit counters and a frozen clock; the counters are emptied again after, so
    no other test inherits them (the test cache lives as long as the session)."""
    cache.clear()
    clock = FrozenClock()
    monkeypatch.setattr(ratelimit, "time", clock)
    try:
        yield clock
    finally:
        cache.clear()
