"""Logging: one JSON object per line in production, and never a secret or personal data.

Results-page tokens and unsubscribe signatures are keys to a patient's data, so they are
redacted from every log line, as are e-mail addresses; template lookup failures lose the
context dump Django attaches to them.
"""

import json
import logging
import re

REDACTIONS = [
    (re.compile(r"(/intake/results/)[^/\s\"']+"), r"\1[token]"),
    (re.compile(r"(/followups/unsubscribe/)[^/\s\"']+"), r"\1[signature]"),
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[email]"),
]


def redact(text):
    for pattern, replacement in REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class RedactFilter(logging.Filter):
    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001  (a bad log call must not fail the request it is in)
            message = f"{record.msg} (arguments did not fit the message)"
        record.msg, record.args = redact(str(message)), None
        if record.name.startswith("django.security"):
            # A refused request (a NUL byte, a lookup an admin list does not offer) is the
            # client's doing: the message names it, a traceback of Django's would only hide it.
            record.exc_info = record.exc_text = None
        if record.name == "django.template":
            # A failed variable lookup (DEBUG) carries an exception whose text is the whole
            # template context: the request, the CSRF token, the page's data. The message says
            # enough: which variable, which template.
            record.exc_info = record.exc_text = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class JSONFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info or record.exc_text:
            entry["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
