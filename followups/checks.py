"""System checks: a misconfigured schedule is reported at start-up, not at the first send."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from followups.failures import staff_addresses
from followups.models import FollowUp
from followups.sending import MARK_SENT_PAUSES, retry_delay


@register()
def check_followup_settings(app_configs, **kwargs):
    problems = []
    known = dict(FollowUp.KINDS)
    for kind, delay in settings.FOLLOWUP_SCHEDULE.items():
        if kind not in known:
            problems.append(
                Error(
                    f"FOLLOWUP_SCHEDULE has an unknown kind {kind!r}.",
                    hint=f"Use one of {', '.join(known)}.",
                    id="followups.E001",
                )
            )
            continue
        if not isinstance(delay, int) or delay < 0:
            message = f"FOLLOWUP_SCHEDULE[{kind!r}] must be a whole number of seconds, 0 or more."
            problems.append(Error(message, id="followups.E002"))
        for suffix in ("_subject.txt", ".txt", ".html"):
            name = f"followups/emails/{kind}{suffix}"
            try:
                get_template(name)
            except TemplateDoesNotExist:
                problems.append(Error(f"Missing e-mail template {name}.", id="followups.E003"))
    lease, email_timeout = settings.FOLLOWUP_CLAIM_LEASE, getattr(settings, "EMAIL_TIMEOUT", None)
    if lease <= 2 * (email_timeout or 0):
        problems.append(
            Warning(
                "FOLLOWUP_CLAIM_LEASE should be well above EMAIL_TIMEOUT, or a slow send can be "
                "claimed again and sent twice.",
                id="followups.W001",
            )
        )
    problems += check_retries()
    problems += check_sweep()
    problems += check_staff_email()
    return problems


def _number(name, minimum):
    value = getattr(settings, name)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        message = f"{name} must be a number of {minimum} or more, got {value!r}."
        return Error(message, id="followups.E004")
    return None


def check_retries():
    names = {
        "FOLLOWUP_RETRY_FOR": 0,
        "FOLLOWUP_RETRY_BACKOFF": 1,
        "FOLLOWUP_RETRY_MAX_DELAY": 1,
        "FOLLOWUP_MAX_ATTEMPTS": 1,
    }
    problems = [p for p in (_number(name, minimum) for name, minimum in names.items()) if p]
    if problems:
        return problems
    # When the last attempt the cap allows comes before the retry window closes, the cap, not
    # the window, ends the retries of a temporary failure.
    elapsed, attempts = 0, 1
    while attempts < settings.FOLLOWUP_MAX_ATTEMPTS and elapsed < settings.FOLLOWUP_RETRY_FOR:
        elapsed += retry_delay(attempts)
        attempts += 1
    if elapsed < settings.FOLLOWUP_RETRY_FOR:
        problems.append(
            Warning(
                f"FOLLOWUP_MAX_ATTEMPTS ({settings.FOLLOWUP_MAX_ATTEMPTS}) ends the retries of a "
                f"temporary failure after {elapsed} s, before FOLLOWUP_RETRY_FOR "
                f"({settings.FOLLOWUP_RETRY_FOR} s).",
                hint="Raise FOLLOWUP_MAX_ATTEMPTS or FOLLOWUP_RETRY_MAX_DELAY.",
                id="followups.W003",
            )
        )
    return problems


def check_sweep():
    problem = _number("FOLLOWUP_SWEEP_BUDGET_SECONDS", 1)
    if problem:
        return [problem]
    budget, problems = settings.FOLLOWUP_SWEEP_BUDGET_SECONDS, []
    entry = settings.CELERY_BEAT_SCHEDULE.get("send-due-followups", {})
    interval = entry.get("schedule")
    if isinstance(interval, int | float):
        if budget >= interval:
            problems.append(
                Warning(
                    f"FOLLOWUP_SWEEP_BUDGET_SECONDS ({budget}) is not below the sweep interval "
                    f"({interval} s): sweeps overlap.",
                    hint="Keep the budget to about 5/6 of FOLLOWUP_SWEEP_SECONDS.",
                    id="followups.W004",
                )
            )
        expires = entry.get("options", {}).get("expires")
        if expires is None or expires > interval:
            problems.append(
                Warning(
                    "The follow-up sweep's beat entry should expire within its interval, or "
                    "sweeps pile up in the broker while no worker takes them.",
                    id="followups.W005",
                )
            )
    # A sweep lasts its budget plus the one send begun before the end (connect, a few replies,
    # marking it sent): Redis redelivers an unacknowledged task after its visibility timeout.
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout")
    longest = budget + 4 * (getattr(settings, "EMAIL_TIMEOUT", None) or 0) + sum(MARK_SENT_PAUSES)
    if visibility and longest > visibility / 2:
        problems.append(
            Warning(
                f"A follow-up sweep may last {longest:g} s, not well below the broker's "
                f"visibility timeout ({visibility} s): it could be delivered twice.",
                hint="Lower FOLLOWUP_SWEEP_BUDGET_SECONDS or EMAIL_TIMEOUT.",
                id="followups.W006",
            )
        )
    return problems


def check_staff_email():
    problems = []
    for address in staff_addresses():
        try:
            validate_email(address)
        except ValidationError:
            problems.append(
                Error(
                    f"CLINIC_STAFF_EMAIL holds {address!r}, which is not an e-mail address.",
                    hint="One address, or several separated by commas.",
                    id="followups.E005",
                )
            )
    return problems


@register(deploy=True)
def check_site_url(app_configs, **kwargs):
    """`manage.py check --deploy`: e-mailed links must reach the site."""
    if urlsplit(settings.SITE_URL).hostname in ("127.0.0.1", "localhost", "::1"):
        return [
            Warning(
                f"SITE_URL is {settings.SITE_URL}: the links in follow-up e-mails will not work.",
                hint="Set SITE_URL to the address patients reach the site at.",
                id="followups.W002",
            )
        ]
    return []
