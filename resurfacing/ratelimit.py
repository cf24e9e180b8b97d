"""Fixed-window rate limits per client address, counted in the default cache.

In production the cache is Redis (CACHE_URL), so every web process shares the counts.
"""

import functools
import time

from django.conf import settings
from django.core.cache import cache

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period]


def client_address(request):
    return request.META.get(settings.CLIENT_ADDRESS_HEADER) or request.META.get("REMOTE_ADDR", "")


def over_limit(request, scope, rate):
    """Count this request; True when the client has used up `rate` in the current window."""
    limit, period = parse_rate(rate)
    window = int(time.time() // period)
    key = f"ratelimit:{scope}:{client_address(request)}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=period + 1)
        count = 1
    return count > limit


def limit(scope, rate_setting, refuse, methods=("POST",)):
    """Decorate a view: requests over the limit get `refuse(request)` (a 429 response)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            rate = getattr(settings, rate_setting)
            if request.method in methods and over_limit(request, scope, rate):
                return refuse(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
