"""Structured logs: one JSON object per line, and results tokens, unsubscribe signatures and
e-mail addresses redacted from messages, arguments and exception text."""

import json
import logging
import subprocess
import sys

from django.conf import settings

from resurfacing.logs import JSONFormatter, RedactFilter

TOKEN = "Yq3x_9-kLmN0pQrStUvWxYz0123456789abcdefABCD"
SIGNATURE = "42:oJHgZFC4tILjW0vUV9woU8GG0C2TjwzndyGTnN2J-bg"
EMAIL = "canary.patient+tag@mail.example.org"


def record(message, *args, exc_info=None, name="tests.logs"):
    return logging.LogRecord(name, logging.WARNING, __file__, 1, message, args, exc_info)


def emitted(log_record):
    """The line the production handler writes: redacted, then formatted as JSON."""
    assert RedactFilter().filter(log_record) is True
    return JSONFormatter().format(log_record)


def raised(message):
    try:
        raise ValueError(message)
    except ValueError:
        return sys.exc_info()


def test_the_json_formatter_writes_one_object_per_line():
    line = emitted(record("first line\nsecond line", exc_info=raised("boom\nbang")))
    assert "\n" not in line
    entry = json.loads(line)
    assert set(entry) == {"time", "level", "logger", "message", "exception"}
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "tests.logs"
    assert entry["message"] == "first line\nsecond line"
    assert "Traceback" in entry["exception"]
    assert "ValueError: boom" in entry["exception"]


def test_a_line_without_exception_has_no_exception_field():
    assert "exception" not in json.loads(emitted(record("all good")))


def test_results_tokens_are_redacted_from_messages_and_arguments():
    line = emitted(record("Not Found: %s", f"/intake/results/{TOKEN}/download/"))
    assert TOKEN not in line
    assert json.loads(line)["message"] == "Not Found: /intake/results/[token]/download/"


def test_unsubscribe_signatures_are_redacted():
    line = emitted(record(f"GET https://clinic.example/followups/unsubscribe/{SIGNATURE}/"))
    assert SIGNATURE not in line
    assert "/followups/unsubscribe/[signature]/" in line


def test_email_addresses_are_redacted():
    line = emitted(record("SMTP refused <%s>: mailbox full", EMAIL))
    assert EMAIL not in line
    assert "mail.example.org" not in line
    assert json.loads(line)["message"] == "SMTP refused <[email]>: mailbox full"


def test_secrets_are_redacted_from_exception_text():
    exc_info = raised(f"no intake for /intake/results/{TOKEN}/ of {EMAIL}")
    line = emitted(record("Internal Server Error", exc_info=exc_info))
    assert TOKEN not in line
    assert EMAIL not in line
    assert "/intake/results/[token]/ of [email]" in json.loads(line)["exception"]


def test_a_log_call_with_wrong_arguments_still_logs_and_does_not_raise():
    line = emitted(record("two values %s %s for %s", "one", EMAIL))
    assert EMAIL not in line
    assert "arguments did not fit" in json.loads(line)["message"]


def test_a_failed_template_lookup_is_logged_without_the_template_context():
    """Django attaches the whole context (request, CSRF token, page data) to it at DEBUG."""
    from django.template import Context, Template

    logger = logging.getLogger("django.template")
    lines, handler = [], logging.Handler(logging.DEBUG)
    handler.addFilter(RedactFilter())
    handler.emit = lambda record: lines.append(JSONFormatter().format(record))
    logger.addHandler(handler)
    # Earlier tests' logging set-ups (Celery's worker, logging.disable) may silence the logger.
    level, logger.level = logger.level, logging.DEBUG
    disabled, logger.disabled = logger.disabled, False
    disabled_below = logging.root.manager.disable
    logging.disable(logging.NOTSET)
    try:
        Template("{{ missing }}").render(Context({"email": EMAIL, "csrf_token": TOKEN}))
    finally:
        logger.removeHandler(handler)
        logger.level = level
        logger.disabled = disabled
        logging.disable(disabled_below)
    assert lines
    assert json.loads(lines[0])["message"].startswith("Exception while resolving variable")
    assert not [line for line in lines if EMAIL in line or TOKEN in line]


def test_with_debug_off_the_configured_logs_are_redacted_json_lines():
    """The LOGGING setting itself, as production loads it: JSON lines on stderr, redacted."""
    code = (
        "import logging, django; django.setup(); log = logging.getLogger('intake.views')\n"
        f"log.warning('Not Found: /intake/results/{TOKEN}/ for %s', '{EMAIL}')\n"
        "try:\n"
        f"    raise RuntimeError('unsubscribe /followups/unsubscribe/{SIGNATURE}/')\n"
        "except RuntimeError:\n"
        "    log.exception('failed')\n"
    )
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "resurfacing.settings",
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "clinic.example",
    }
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    entries = [json.loads(line) for line in lines]
    assert [entry["message"] for entry in entries] == [
        "Not Found: /intake/results/[token]/ for [email]",
        "failed",
    ]
    assert "/followups/unsubscribe/[signature]/" in entries[1]["exception"]
    for secret in (TOKEN, EMAIL, SIGNATURE):
        assert secret not in done.stderr
