"""What went wrong with a follow-up, and telling staff about it.

- `is_permanent(exc)`: an SMTP 5xx refusal of the e-mail (its sender, recipient or content) is
  permanent: it is failed at once. Anything else — a 4xx reply, a connection refused, dropped or
  not set up (greeting, sign-in), a timeout, an error of ours — is temporary and tried again
  later (followups/sending.py).
- `error_text(exc, address)`: the error as staff see it, with every form of the patient's
  address taken out (SMTP replies often quote it).
- `failed_count()`, `failed_list_url()`: for the admin index.
- `notify_staff()`: the daily notice to CLINIC_STAFF_EMAIL when follow-ups failed since the last
  one: counts and a link to the admin list, never anything about a patient.
"""

import logging
import re
import smtplib
from collections import Counter
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from clinic.profile import current_clinic
from followups.models import DatabaseNow, FollowUp

logger = logging.getLogger(__name__)

MAX_ERROR_LENGTH = 2000


CONNECTION_SET_UP_ERRORS = (
    smtplib.SMTPConnectError,
    smtplib.SMTPHeloError,
    smtplib.SMTPAuthenticationError,
)


def _is_5xx(code):
    return isinstance(code, int) and 500 <= code < 600


def is_permanent(exc):
    """Whether the mail server refused the e-mail for good (an SMTP 5xx reply).

    A recipient refusal is permanent only when every recipient got a 5xx. A failure to set up
    the connection — the server refusing it, its greeting, the sign-in (a wrong password) — is a
    connection error, temporary whatever its code: it says nothing about this e-mail, and would
    otherwise fail every e-mail due until someone fixes the settings.
    """
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        replies = list(exc.recipients.values())
        return bool(replies) and all(_is_5xx(code) for code, _ in replies)
    if isinstance(exc, CONNECTION_SET_UP_ERRORS):
        return False
    if isinstance(exc, smtplib.SMTPResponseException):
        return _is_5xx(exc.smtp_code)
    return False


# --- Redaction ---------------------------------------------------------------------------------

# Characters that may belong to an address: a local part or domain found inside a longer run of
# these is part of something else (a host name, another address) and is left alone.
_ADDRESS_CHARS = r"[\w.+%-]"
# A local part or domain this short says little alone, and would be found in ordinary words.
_SHORTEST_PART = 3


def _idna(domain):
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def _unicode_domain(domain):
    try:
        return domain.encode("ascii").decode("idna")
    except UnicodeError:
        return domain


def _escaped_forms(text):
    """`text` as it may be quoted: itself, percent-encoded, as the repr of its UTF-8 bytes."""
    forms = {text, quote(text, safe=""), quote(text, safe="@")}
    forms.add(repr(text.encode("utf-8"))[2:-1])  # b'...\xc3\xa9...' in a quoted SMTP reply
    return forms


def address_forms(address):
    """Every form of `address` a mail server or library may quote: (whole addresses, parts)."""
    local, _, domain = address.strip().rpartition("@")
    if not local:
        return _escaped_forms(address.strip()), set()
    domains = {domain, _idna(domain), _unicode_domain(domain)}
    whole, parts = set(), set()
    for form in domains:
        whole |= _escaped_forms(f"{local}@{form}")
        parts |= _escaped_forms(form)
    parts |= _escaped_forms(local)
    return whole, parts


def redact(text, address):
    """`text` without `address`: the whole address (any case, in <…>, percent-, IDNA- or
    byte-escaped) becomes <recipient>; its local part or domain quoted alone becomes
    <recipient-local-part> or <recipient-domain>."""
    if not address:
        return text
    whole, parts = address_forms(address)
    for form in sorted(whole, key=len, reverse=True):
        text = re.sub(re.escape(form), "<recipient>", text, flags=re.IGNORECASE)
    local = address.strip().rpartition("@")[0]
    local_forms = _escaped_forms(local) if local else set()
    for form in sorted(parts, key=len, reverse=True):
        if len(form) < _SHORTEST_PART:
            continue
        label = "<recipient-local-part>" if form in local_forms else "<recipient-domain>"
        pattern = rf"(?<!{_ADDRESS_CHARS}){re.escape(form)}(?!{_ADDRESS_CHARS})"
        text = re.sub(pattern, label, text, flags=re.IGNORECASE)
    return text


def error_text(exc, address):
    """The error for staff, without the patient's address."""
    return redact(f"{type(exc).__name__}: {exc}", address)[:MAX_ERROR_LENGTH]


# --- Telling staff -----------------------------------------------------------------------------


def failed_count():
    return FollowUp.objects.filter(status=FollowUp.FAILED).count()


def failed_list_url():
    """The admin's list of failed follow-ups (a path; prefix SITE_URL for an e-mail)."""
    return reverse("admin:followups_followup_changelist") + f"?status__exact={FollowUp.FAILED}"


def staff_addresses():
    """The clinic profile's staff notification address, else CLINIC_STAFF_EMAIL's."""
    listed = current_clinic().staff_email or settings.CLINIC_STAFF_EMAIL
    return [a.strip() for a in listed.split(",") if a.strip()]


def notify_staff():
    """E-mail the clinic's staff address how many follow-ups failed since the last notice.

    Returns how many new failures the notice reported (0: none sent). Each failure is reported
    once: the rows are marked in the same transaction as the notice is sent, and locked so a
    second run at the same time finds nothing to report. If sending fails, nothing is marked
    and the next run reports them.
    """
    recipients = staff_addresses()
    if not recipients:
        return 0
    with transaction.atomic():
        new = list(
            FollowUp.objects.select_for_update(skip_locked=True)
            .filter(status=FollowUp.FAILED, staff_notified_at__isnull=True)
            .values_list("id", "kind")
        )
        if not new:
            return 0
        kinds = dict(FollowUp.KINDS)
        by_kind = Counter(kind for _, kind in new)
        context = {
            "new_count": len(new),
            "by_kind": [(kinds[kind], by_kind[kind]) for kind in kinds if by_kind[kind]],
            "failed_count": failed_count(),
            "list_url": settings.SITE_URL + failed_list_url(),
            "clinic": current_clinic(),
        }
        subject = render_to_string("followups/emails/failures_notice_subject.txt", context)
        EmailMessage(
            subject=" ".join(subject.split()),
            body=render_to_string("followups/emails/failures_notice.txt", context),
            to=recipients,
        ).send()
        reported = FollowUp.objects.filter(id__in=[pk for pk, _ in new])
        reported.update(staff_notified_at=DatabaseNow())
    logger.info("Staff told of %s failed follow-up(s)", len(new))
    return len(new)
