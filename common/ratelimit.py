"""Fixed-window rate limits per client address and route.

Counts are shared by every web process through Redis (CACHE_URL), in one pipelined round trip
per request: INCR the window's key, and give it its expiry with the first request (EXPIRE NX).
Without CACHE_URL (the quick start, a single process) Django's in-process cache counts.
A cache that cannot be reached lets requests through: an outage must never stop patients.
"""

import functools
import hashlib
import hmac
import logging
import math
import time

import redis
from django.conf import settings
from django.core.cache import cache
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
    # An address is personal data, and a forwarded header can hold anything: the counter's key
    # is a fixed-length digest of it, never the address itself.
    address = client_address(request).encode()
    return hmac.new(settings.SECRET_KEY.encode(), address, hashlib.sha256).hexdigest()[:32]


@functools.cache
def _redis(url):
    # One client (and its connection pool, which redis-py renews after a fork) per process.
    timeout = settings.RATE_LIMIT_TIMEOUT
    return redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)


def _count(key, period):
    """Add one to the window's count and return it."""
    if settings.CACHE_URL:
        pipeline = _redis(settings.CACHE_URL).pipeline(transaction=False)
        pipeline.incr(key)
        pipeline.expire(key, period + 1, nx=True)
        return pipeline.execute()[0]
    if cache.add(key, 1, timeout=period + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=period + 1)
        return 1


def seconds_refused(request, scope, rate, setting="rate"):
    """Count this request; 0 while the client is within `rate`, else the seconds until its
    window ends (for Retry-After)."""
    limit, period = parse_rate(rate, setting)
    now = time.time()
    window = int(now // period)
    try:
        count = _count(f"ratelimit:{scope}:{_client_key(request)}:{window}", period)
    except (redis.RedisError, OSError) as exc:
        logger.warning(
            "Rate limit %s not counted: cache unavailable (%s)", scope, type(exc).__name__
        )
        return 0
    if count <= limit:
        return 0
    return max(1, math.ceil((window + 1) * period - now))


def limit(scope, rate_setting, refuse, methods=("POST",)):
    """Decorate a view: a request over the limit gets `refuse(request)`, a 429 response, with
    Retry-After set."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                rate = getattr(settings, rate_setting)
                retry_after = seconds_refused(request, scope, rate, rate_setting)
                if retry_after:
                    response = refuse(request)
                    response["Retry-After"] = str(retry_after)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
