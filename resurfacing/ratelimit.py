"""Fixed-window rate limits per client address, counted in the default cache.

In production the cache is Redis (CACHE_URL), so every web process shares the counts.
"""

import functools
import hashlib
import hmac
import logging
import time

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
        cache.add(key, 0, timeout=period + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=period + 1)
            count = 1
    except Exception as exc:  # noqa: BLE001  (the cache is down: serve rather than refuse all)
        logger.warning(
            "Rate limit %s not counted: cache unavailable (%s)", scope, type(exc).__name__
        )
        return False
    return count > limit


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
