"""Fixed-window rate limits per client address, counted in the default cache.

In production the cache is Redis (CACHE_URL), so every web process shares the counts.
"""

import functools
import hashlib
import hmac
import logging
import time
import weakref

from django.conf import settings
from django.core.cache import cache
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
        count = _count(key, timeout=period + 1)
    except Exception as exc:  # noqa: BLE001  (the cache is down: serve rather than refuse all)
        logger.warning(
            "Rate limit %s not counted: cache unavailable (%s)", scope, type(exc).__name__
        )
        return False
    return count > limit


def _count(key, timeout):
    """Add one to `key`'s count, which the cache forgets `timeout` seconds after the first."""
    backend = getattr(cache, "_cache", None)
    if isinstance(backend, RedisCacheClient):
        return _count_in_redis(backend, cache.make_and_validate_key(key), timeout)
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=timeout)
        return 1


def _count_in_redis(backend, key, timeout):
    # One round trip (MULTI, SET NX EX, INCR, EXEC) on a client kept per cache, where cache.add +
    # cache.incr take three (SET NX, EXISTS, INCRBY) and build a redis.Redis client for each call.
    # SET NX gives the window's count its expiry once; any Redis since 2.6 understands it.
    pipeline = _client(backend).pipeline()
    pipeline.set(key, 0, ex=timeout, nx=True)
    pipeline.incr(key)
    return pipeline.execute()[1]


_clients = weakref.WeakKeyDictionary()


def _client(backend):
    client = _clients.get(backend)
    if client is None:
        client = _clients[backend] = backend.get_client(write=True)
    return client


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
