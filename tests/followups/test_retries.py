"""A mail server that fails for a while does not lose e-mails: temporary failures are tried
again, with a doubling delay, for FOLLOWUP_RETRY_FOR (a day) from the first attempt; a
permanent refusal (SMTP 5xx) fails the e-mail at once; the error kept for staff never quotes
the patient's address, in any form."""

import smtplib
from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from followups import sending
from followups.models import FollowUp
from tests.factories import make_intake

pytestmark = pytest.mark.django_db


BACKEND = f"{__name__}.RaisingBackend"


class RaisingBackend:
    """An e-mail backend that raises `RaisingBackend.error(recipient)` for every message."""

    error = None

    def __init__(self, fail_silently=False, **kwargs):
        pass

    def send_messages(self, messages):
        raise type(self).error(messages[0].to[0])


@pytest.fixture
def server_answers(settings, monkeypatch):
    """server_answers(make_error): every send raises make_error(recipient)."""
    settings.EMAIL_BACKEND = BACKEND

    def answer(make_error):
        monkeypatch.setattr(RaisingBackend, "error", staticmethod(make_error))

    return answer


def summary_of(**changes):
    return make_intake(**changes).followups.get(kind=FollowUp.SUMMARY)


def reload(row):
    row.refresh_from_db()
    return row


def make_due(row):
    FollowUp.objects.filter(pk=row.pk).update(due_at=timezone.now() - timedelta(seconds=1))


def first_attempt_was(row, ago):
    FollowUp.objects.filter(pk=row.pk).update(first_attempt_at=F("first_attempt_at") - ago)


def try_later(recipient):
    return smtplib.SMTPDataError(451, f"4.3.0 Temporary failure for <{recipient}>")


def no_such_user(recipient):
    return smtplib.SMTPRecipientsRefused({recipient: (550, b"5.1.1 no such user")})


TEMPORARY = {
    "a 451 after the data": try_later,
    "a 421 on connecting": lambda r: smtplib.SMTPConnectError(421, b"4.3.2 busy, try later"),
    "a 450 for the recipient": lambda r: smtplib.SMTPRecipientsRefused({r: (450, b"mailbox busy")}),
    "a 452 for the sender": lambda r: smtplib.SMTPSenderRefused(452, b"4.3.1 full", "x@y.z"),
    "a 535 on signing in": lambda r: smtplib.SMTPAuthenticationError(535, b"5.7.8 bad login"),
    "a dropped connection": lambda r: smtplib.SMTPServerDisconnected("Connection closed"),
    "a refused connection": lambda r: ConnectionRefusedError(111, "Connection refused"),
    "a timeout": lambda r: TimeoutError("timed out"),
    "an OS error": lambda r: OSError(101, "Network is unreachable"),
}

PERMANENT = {
    "a 550 for the recipient": no_such_user,
    "a 554 after the data": lambda r: smtplib.SMTPDataError(554, b"5.7.1 rejected as spam"),
    "a 553 for the sender": lambda r: smtplib.SMTPSenderRefused(553, b"5.1.8 bad sender", "x@y.z"),
    "any other 5xx reply": lambda r: smtplib.SMTPResponseException(554, b"5.3.0 no"),
}


@pytest.mark.parametrize("error", TEMPORARY.values(), ids=TEMPORARY.keys())
def test_a_temporary_failure_is_tried_again_later(server_answers, error):
    server_answers(error)
    summary = summary_of()
    assert sending.send(summary.id) == sending.RETRY
    summary = reload(summary)
    assert summary.status == FollowUp.PENDING
    assert summary.due_at > timezone.now()


def test_a_temporary_failure_is_retried_past_five_attempts_within_a_day(server_answers):
    server_answers(try_later)
    summary = summary_of()
    outcomes = []
    for _ in range(8):
        make_due(summary)
        outcomes.append(sending.send(summary.id))
        first_attempt_was(summary, timedelta(hours=2))  # 8 attempts over 16 hours
    assert outcomes == [sending.RETRY] * 8
    assert reload(summary).status == FollowUp.PENDING


def test_a_temporary_failure_is_given_up_once_a_day_has_passed_since_the_first_attempt(
    server_answers,
):
    server_answers(try_later)
    summary = summary_of()
    assert sending.send(summary.id) == sending.RETRY
    first_attempt_was(summary, timedelta(hours=24, seconds=1))
    make_due(summary)
    assert sending.send(summary.id) == sending.FAILED
    summary = reload(summary)
    assert summary.status == FollowUp.FAILED
    assert summary.failed_at is not None
    assert summary.last_error.startswith("SMTPDataError: (451")


def test_the_retry_window_is_the_setting(server_answers, settings):
    settings.FOLLOWUP_RETRY_FOR = 600
    server_answers(try_later)
    summary = summary_of()
    sending.send(summary.id)
    first_attempt_was(summary, timedelta(seconds=601))
    make_due(summary)
    assert sending.send(summary.id) == sending.FAILED


def test_the_delay_between_retries_doubles_from_the_backoff(server_answers, settings):
    settings.FOLLOWUP_RETRY_BACKOFF = 60
    server_answers(try_later)
    summary = summary_of()
    delays = []
    for _ in range(3):
        make_due(summary)
        sending.send(summary.id)
        delays.append((reload(summary).due_at - timezone.now()).total_seconds())
    assert [round(delay, -1) for delay in delays] == [60, 120, 240]


def test_the_delay_between_retries_stops_growing_at_the_maximum(server_answers, settings):
    settings.FOLLOWUP_RETRY_BACKOFF = 60
    settings.FOLLOWUP_RETRY_MAX_DELAY = 3600
    server_answers(try_later)
    summary = summary_of()
    FollowUp.objects.filter(pk=summary.pk).update(attempts=20)
    sending.send(summary.id)
    delay = reload(summary).due_at - timezone.now()
    assert timedelta(seconds=3590) < delay <= timedelta(seconds=3600)


@pytest.mark.parametrize("error", PERMANENT.values(), ids=PERMANENT.keys())
def test_a_permanent_refusal_fails_the_email_at_once(server_answers, error):
    server_answers(error)
    summary = summary_of()
    assert sending.send(summary.id) == sending.FAILED
    summary = reload(summary)
    assert (summary.status, summary.attempts) == (FollowUp.FAILED, 1)
    assert sending.due_followup_ids() == []


def test_a_recipient_refusal_is_permanent_only_when_every_recipient_got_a_5xx(server_answers):
    server_answers(
        lambda r: smtplib.SMTPRecipientsRefused({r: (550, b"no"), "x@y.z": (451, b"later")})
    )
    assert sending.send(summary_of().id) == sending.RETRY


def test_staff_sending_again_gives_a_fresh_day_of_retries(server_answers, admin_client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    server_answers(try_later)
    summary = summary_of()
    sending.send(summary.id)
    first_attempt_was(summary, timedelta(days=2))
    make_due(summary)
    assert sending.send(summary.id) == sending.FAILED
    admin_client.post(
        "/admin/followups/followup/", {"action": "send_again", "_selected_action": [summary.pk]}
    )
    assert sending.send(summary.id) == sending.RETRY


# --- The error kept for staff ------------------------------------------------------------------


def stored_error(server_answers, address, reply):
    """The error kept after the server answered `reply` (with {address} filled in)."""
    server_answers(lambda recipient: smtplib.SMTPDataError(451, reply.format(address=recipient)))
    summary = summary_of(email=address)
    sending.send(summary.id)
    return reload(summary).last_error


QUOTED = {
    "as sent": lambda address: f"4.2.2 {address} is over quota",
    "in angle brackets": lambda address: f"4.2.2 <{address}>: mailbox full",
    "in capitals": lambda address: f"4.2.2 {address.upper()}",
    "in small letters": lambda address: f"4.2.2 {address.lower()}",
}


@pytest.mark.parametrize("reply", QUOTED.values(), ids=QUOTED.keys())
def test_the_stored_error_does_not_quote_the_address(server_answers, reply):
    server_answers(lambda recipient: smtplib.SMTPDataError(451, reply(recipient)))
    summary = summary_of(email="Ada.Lovelace@Example.com")
    sending.send(summary.id)
    error = reload(summary).last_error
    assert "ada.lovelace" not in error.lower()
    assert "example.com" not in error.lower()
    assert "<recipient>" in error


def test_the_stored_error_does_not_quote_the_local_part_or_the_domain_alone(server_answers):
    error = stored_error(
        server_answers,
        "ada.lovelace@example.com",
        "4.2.2 user ada.lovelace unknown in domain EXAMPLE.COM",
    )
    assert "ada.lovelace" not in error.lower()
    assert "example.com" not in error.lower()
    assert "<recipient-local-part>" in error and "<recipient-domain>" in error


def test_the_stored_error_does_not_quote_the_address_percent_encoded(server_answers):
    error = stored_error(
        server_answers,
        "ada+clinic@example.com",
        "4.2.2 see https://mx.example.net/why?to=ada%2Bclinic%40example.com",
    )
    assert "ada%2bclinic" not in error.lower()
    assert "example.com" not in error.lower()


def test_the_stored_error_does_not_quote_an_international_domain_in_any_encoding(server_answers):
    error = stored_error(
        server_answers,
        "zoe@bücher.example",
        "4.2.2 <zoe@xn--bcher-kva.example> and bücher.example and b'zoe@b\\xc3\\xbccher.example'",
    )
    for form in ("xn--bcher-kva", "bücher", "\\xc3\\xbc", "zoe@"):
        assert form not in error.lower()


def test_the_stored_error_keeps_the_rest_of_the_reply(server_answers):
    error = stored_error(
        server_answers, "ada@example.com", "4.2.2 <{address}>: mailbox full at mx.example.net"
    )
    assert error == "SMTPDataError: (451, '4.2.2 <<recipient>>: mailbox full at mx.example.net')"
