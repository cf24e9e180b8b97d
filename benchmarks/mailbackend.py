"""A file-based e-mail backend that can be slow, to kill a worker in the middle of a send.

BENCH_MAIL_DELAY_BEFORE: seconds spent before the message is written (an SMTP conversation
that a killed worker never finishes: the server never accepted the message).
BENCH_MAIL_DELAY_AFTER: seconds spent after it is written (the server accepted it, the worker
has not yet marked it sent: the documented window where a copy can go out twice).
"""

import os
import time

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        time.sleep(float(os.environ.get("BENCH_MAIL_DELAY_BEFORE", "0")))
        sent = super().send_messages(email_messages)
        time.sleep(float(os.environ.get("BENCH_MAIL_DELAY_AFTER", "0")))
        return sent
