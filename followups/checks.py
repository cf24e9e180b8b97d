"""System checks: a misconfigured schedule is reported at start-up, not at the first send."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from followups.models import FollowUp


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
