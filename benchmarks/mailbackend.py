"""A file-based e-mail backend that can be slow, so that a fault lands while a send is in flight.

BENCH_MAIL_DELAY_BEFORE: seconds spent before the message is written (an SMTP conversation
that a killed worker never finishes: the server never accepted the message).
BENCH_MAIL_DELAY_AFTER: seconds spent after it is written (the server accepted it, the worker
has not yet marked it sent: the documented window where a copy can go out twice).
BENCH_MAIL_IN_FLIGHT: a directory where each send keeps a marker file while it lasts, named
`<follow-up id>-<pid>-<start, ns since the epoch>`, so that the load run sees which sends are in
flight (a killed worker leaves its markers behind).
"""

import os
import re
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend

FOLLOWUP_ID = re.compile(r"<followup-(\d+)\.")


def _marker(email_messages):
    folder = os.environ.get("BENCH_MAIL_IN_FLIGHT")
    if not folder:
        return None
    ids = [
        match.group(1)
        for message in email_messages
        if (match := FOLLOWUP_ID.match(message.extra_headers.get("Message-ID", "")))
    ]
    marker = Path(folder) / f"{'+'.join(ids) or 'x'}-{os.getpid()}-{time.time_ns()}"
    marker.touch()
    return marker


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        marker = _marker(email_messages)
        try:
            time.sleep(float(os.environ.get("BENCH_MAIL_DELAY_BEFORE", "0")))
            sent = super().send_messages(email_messages)
            time.sleep(float(os.environ.get("BENCH_MAIL_DELAY_AFTER", "0")))
        finally:
            if marker is not None:
                marker.unlink(missing_ok=True)
        return sent
