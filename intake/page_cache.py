"""Rendered pages kept in this process's memory, for pages many requests show identically.

A step's page renders the same for every patient who reaches it with the same answers (most
arrive with none) but for the CSRF token, and a results page never changes once stored;
rendering them was most of those requests' time (benchmarks/README.md). The copies live in
process memory only, never in the shared cache: they hold health answers, and health data is
kept out of Redis.
"""

import json
import secrets
import threading
import time
from collections import OrderedDict

from django.middleware.csrf import get_token


class PageCache:
    """A bounded least-recently-used map of rendered pages, each kept for at most `max_age`
    seconds (so an erased intake's page does not linger in any process's memory).

    Each page can carry a mark (what resurfacing.changes.seen() said when the caller last
    checked the data behind it): `get(key, mark)` finds it only under the same mark."""

    def __init__(self, maxsize, max_age):
        self.maxsize = maxsize
        self.max_age = max_age
        self._items = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, mark):
        """The kept page when it was checked under `mark` (never under None)."""
        if mark is None:
            return None
        with self._lock:
            kept = self._items.get(key)
            if kept is None or kept[0] <= time.monotonic() or kept[2] != mark:
                return None
            self._items.move_to_end(key)
            return kept[1]

    def get_or_render(self, key, render, mark=None):
        """The kept page, or `render()`'s; either way now kept as checked under `mark`."""
        now = time.monotonic()
        with self._lock:
            kept = self._items.get(key)
            if kept is not None and kept[0] > now:
                self._items[key] = (kept[0], kept[1], mark)
                self._items.move_to_end(key)
                return kept[1]
        html = render()
        with self._lock:
            self._items[key] = (now + self.max_age, html, mark)
            self._items.move_to_end(key)
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)
        return html

    def clear(self):
        with self._lock:
            self._items.clear()


STEP_PAGES = PageCache(maxsize=256, max_age=300)
RESULT_PAGES = PageCache(maxsize=256, max_age=300)

# Stands for the CSRF token in a kept step page. Random per process, so no answer a patient
# types can contain it by chance.
CSRF_PLACEHOLDER = secrets.token_hex(16)


def step_page(request, step, answers, render):
    """A step's page as shown before posting: the same for every patient with the same draft
    answers for the step, apart from the CSRF token, put in for this request.

    `render(csrf_token)` renders the page when no kept copy is fresh.
    """
    key = (step.slug, json.dumps(answers, sort_keys=True))
    page = STEP_PAGES.get_or_render(key, lambda: render(CSRF_PLACEHOLDER))
    return page.replace(CSRF_PLACEHOLDER, get_token(request))


def kept_result_page(token, mark):
    """A stored intake's results page, when kept and no erasure has been notified since its
    intake was last checked (`mark`: resurfacing.changes.seen(ERASURES))."""
    return RESULT_PAGES.get(token, mark)


def result_page(token, render, mark):
    """A stored intake's results page; the caller has just checked it is not erased."""
    return RESULT_PAGES.get_or_render(token, render, mark)


def clear():
    STEP_PAGES.clear()
    RESULT_PAGES.clear()
