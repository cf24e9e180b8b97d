"""Fixed-window rate limits per client address, counted in the default cache.

In production the cache is Redis (CACHE_URL), so every web process shares the counts.
"""

import functools
import hashlib
import hmac
import logging
import os
import threading
import time
import weakref
from collections import OrderedDict

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCacheClient
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate, setting="rate"):
    """Turn "30/h" into (30, 3600); anything else is a configuration error naming the setting."""
    count, _, period = str(rate).partition("/")
    if not count.isdigit() or period not in PERIODS:
        raise ImproperlyConfigured(
            f"{setting} must be a count per s, m, h or d, like 30/h; got {rate!r}"
        )
    return int(count), PERIODS[period]


def client_address(request):
    return request.META.get(settings.CLIENT_ADDRESS_HEADER) or request.META.get("REMOTE_ADDR", "")


def _client_key(request):
    # An address is personal data, and a forwarded header can hold anything: the cache (Redis)
    # keeps a digest of it, never the address itself.
    address = client_address(request).encode()
    return hmac.new(settings.SECRET_KEY.encode(), address, hashlib.sha256).hexdigest()[:32]


def over_limit(request, scope, rate, setting="rate"):
    """Count this request; True when the client has used up `rate` in the current window."""
    limit, period = parse_rate(rate, setting)
    window = int(time.time() // period)
    key = f"ratelimit:{scope}:{_client_key(request)}:{window}"
    try:
        count = _count(key, limit, timeout=period + 1)
    except Exception as exc:  # noqa: BLE001  (the cache is down: serve rather than refuse all)
        _drop_counter()
        logger.warning(
            "Rate limit %s not counted: cache unavailable (%s)", scope, type(exc).__name__
        )
        return False
    return count > limit


def _count(key, limit, timeout):
    """Add one to `key`'s count, which the cache forgets `timeout` seconds after the first."""
    default = caches[DEFAULT_CACHE_ALIAS]  # each use of the `cache` proxy looks this up again
    backend = getattr(default, "_cache", None)
    if isinstance(backend, RedisCacheClient):
        return _counter(backend).count(default.make_key(key), limit, timeout)
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=timeout)
        return 1


class RedisCounter:
    """Counts in Redis, a few requests at a time while a client is far below its limit.

    Every exchange with Redis costs an API request about a sixth of its throughput on 2 cores,
    waiting for the reply or not (benchmarks/README.md). So while a client's count, as Redis
    last reported it to this counter plus the counts it holds, is below half its limit, a
    counter (one per thread of each web process) holds back up to `batch(limit)` of its
    requests' counts (a sixteenth of the limit, at most MAX_BATCH) and sends them together, in
    one round trip. From half the limit on, every request is counted in Redis before it is
    judged, so a client is refused at its limit plus, at most, what the other counters hold
    back (under a sixteenth of the limit each: with gunicorn's sync workers, one counter per
    worker). Limits under 32 per window (the questionnaire's) are counted at every request.
    """

    MAX_BATCH = 32
    MAX_KEYS = 10_000  # clients with counts held back or a total known, per thread

    def __init__(self, client):
        self.client = client  # on the cache's own pool: its server, database and options
        self.held = {}  # key -> (this process's counts not sent yet, the key's expiry)
        self.totals = OrderedDict()  # key -> the latest total Redis reported

    @classmethod
    def batch(cls, limit):
        return max(1, min(cls.MAX_BATCH, limit // 16))

    def count(self, key, limit, timeout):
        held = self.held.get(key, (0, timeout))[0] + 1
        estimate = self.totals.get(key, 0) + held
        if held < self.batch(limit) and estimate < limit / 2:
            self.held[key] = (held, timeout)
            if len(self.held) > self.MAX_KEYS:
                # Mostly counts of past windows, which nothing reads again; the current ones are
                # each under a batch, as a counter may hold back anyway.
                self.held.clear()
            return estimate
        self.held.pop(key, None)
        return self.send({key: (held, timeout)})[key]

    def send(self, counts):
        """Add counts ({key: (number, expiry)}) in Redis in one round trip; the new totals."""
        pipeline = self.client.pipeline()  # MULTI ... EXEC
        for key, (number, timeout) in counts.items():
            # The window's count gets its expiry with its first request, never pushed back.
            pipeline.set(key, 0, ex=timeout, nx=True)
            pipeline.incrby(key, number)
        replies = pipeline.execute()
        totals = dict(zip(counts, replies[1::2], strict=True))
        for key, total in totals.items():
            self.totals[key] = total
            self.totals.move_to_end(key)
        while len(self.totals) > self.MAX_KEYS:
            self.totals.popitem(last=False)
        return totals


# One counter per thread and cache: its counts and totals are the thread's own, unlocked.
# Forgotten in a forked child (gunicorn --preload), which starts with counts of its own.
_kept = threading.local()


def forget_counters():
    global _kept
    _kept = threading.local()


os.register_at_fork(after_in_child=forget_counters)


def _counter(backend):
    counters = getattr(_kept, "counters", None)
    if counters is None:
        counters = _kept.counters = weakref.WeakKeyDictionary()
    counter = counters.get(backend)
    if counter is None:
        counter = counters[backend] = RedisCounter(backend.get_client(write=True))
    return counter


def _drop_counter():
    """After any error the next count starts afresh (what the counter held is lost)."""
    counters = getattr(_kept, "counters", None)
    backend = getattr(caches[DEFAULT_CACHE_ALIAS], "_cache", None)
    if counters is not None and isinstance(backend, RedisCacheClient):
        counters.pop(backend, None)


def limit(scope, rate_setting, refuse, methods=("POST",)):
    """Decorate a view: requests over the limit get `refuse(request)` (a 429 response)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            rate = getattr(settings, rate_setting)
            if request.method in methods and over_limit(request, scope, rate, rate_setting):
                return refuse(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
