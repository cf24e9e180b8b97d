"""Copies kept in one process's memory, bounded in count, bytes and age.

Only for values that many requests would otherwise compute identically (a rendered page, an
answer of the API), keyed only by validated values, never by what a client sent as it came.
Never in the shared cache: what is kept may hold health answers, which stay out of Redis.
benchmarks/README.md says what each use buys.
"""

import threading
import time
from collections import OrderedDict


class Kept:
    """A least-recently-used map of byte strings or text, each kept at most `max_age` seconds;
    the oldest go first once more than `max_items` or `max_bytes` are kept."""

    def __init__(self, max_items, max_bytes, max_age):
        self.max_items = max_items
        self.max_bytes = max_bytes
        self.max_age = max_age
        self._items = OrderedDict()  # key -> (expires, value)
        self._bytes = 0
        self._lock = threading.Lock()

    def get_or_make(self, key, make):
        """The kept value for `key`, or `make()`'s, then kept (unless larger than the bound)."""
        now = time.monotonic()
        with self._lock:
            kept = self._items.get(key)
            if kept is not None and kept[0] > now:
                self._items.move_to_end(key)
                return kept[1]
        value = make()
        size = len(value)
        if size > self.max_bytes:
            return value
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old[1])
            self._items[key] = (now + self.max_age, value)
            self._bytes += size
            while len(self._items) > self.max_items or self._bytes > self.max_bytes:
                _, (_, dropped) = self._items.popitem(last=False)
                self._bytes -= len(dropped)
        return value

    def __len__(self):
        return len(self._items)

    @property
    def size(self):
        """The bytes (or characters) kept."""
        return self._bytes

    def clear(self):
        with self._lock:
            self._items.clear()
            self._bytes = 0
