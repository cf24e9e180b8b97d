"""A value read from the database at most once a second per process.

For what every page shows and staff rarely change (the clinic's profile, the consent texts in
force): one cheap query a second instead of one a request, and a change is used everywhere
within a second, by the process that made it at once (`forget()`, from a post_save receiver).
"""

import math
import threading
import time

from django.db import DatabaseError


class Fresh:
    def __init__(self, read, fallback, seconds=1.0):
        self.read = read  # () -> the value, from the database
        self.fallback = fallback  # () -> what to show when the database cannot be reached
        self.seconds = seconds
        self._kept = (-math.inf, None)
        self._lock = threading.Lock()

    def get(self):
        read_at, value = self._kept
        now = time.monotonic()
        if value is not None and now - read_at < self.seconds:
            return value
        try:
            value = self.read()
        except DatabaseError:
            # An outage page still shows something: the last value read, else the fallback.
            return value if value is not None else self.fallback()
        with self._lock:
            self._kept = (now, value)
        return value

    def forget(self):
        with self._lock:
            self._kept = (-math.inf, None)
