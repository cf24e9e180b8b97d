"""Through a real SMTP exchange: Django's SMTP backend sends the summary and the reminder to an
aiosmtpd server on 127.0.0.1, which checks what arrives and can answer like a real server that
is busy (451) or has no such user (550)."""

import pytest

from followups import emails, sending, tasks
from followups.models import FollowUp
from intake.forms import SKIN_TYPE_DESCRIPTIONS
from tests.factories import make_intake
from tests.servers import free_port
from treatments.vocabulary import CONCERNS, HEALTH_FLAGS

pytestmark = pytest.mark.django_db


KINDS = [FollowUp.SUMMARY, FollowUp.REMINDER]


def patient(**changes):
    return make_intake(**changes)


def due(intake, kind):
    followup = intake.followups.get(kind=kind)
    FollowUp.objects.filter(pk=followup.pk).update(due_at=intake.submitted_at)
    return followup


def reload(row):
    row.refresh_from_db()
    return row


def text_of(message):
    plain = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return plain, html


@pytest.mark.parametrize("kind", KINDS)
def test_the_email_arrives_with_a_text_and_an_html_part(mail_server, kind):
    followup = due(patient(), kind)
    assert sending.send(followup.id) == sending.SENT
    [message] = mail_server.delivered
    assert message.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in message.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    assert message["To"] == "ada@example.com"


@pytest.mark.parametrize("kind", KINDS)
def test_the_email_arrives_with_one_click_unsubscribe_headers(mail_server, kind):
    intake = patient()
    sending.send(due(intake, kind).id)
    [message] = mail_server.delivered
    # A long header is folded onto a continuation line on the wire (RFC 5322): unfolded, it is
    # the link in angle brackets.
    assert message["List-Unsubscribe"].strip() == f"<{emails.unsubscribe_url(intake)}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.parametrize("kind", KINDS)
def test_the_email_arrives_with_its_fixed_message_id(mail_server, kind):
    followup = due(patient(), kind)
    sending.send(followup.id)
    [message] = mail_server.delivered
    assert message["Message-ID"] == emails.message_id(reload(followup))


@pytest.mark.parametrize("kind", KINDS)
def test_the_email_that_arrives_carries_no_health_details(mail_server, kind):
    intake = patient(
        concerns=list(CONCERNS),
        fitzpatrick=5,
        health_yes=["cold_sore_history", "melasma_or_pih_history"],
    )
    sending.send(due(intake, kind).id)
    [message] = mail_server.delivered
    words = "\n".join([message["Subject"], *text_of(message)]).lower()
    treatments = [c["name"] for c in intake.recommendation["candidates"]] + [
        e["name"] for e in intake.recommendation["excluded"]
    ]
    assert treatments, "the intake should have a recommendation to leak"
    details = [
        *CONCERNS,
        *CONCERNS.values(),
        *HEALTH_FLAGS,
        *(str(label) for label in SKIN_TYPE_DESCRIPTIONS.values()),
        *treatments,
        "fitzpatrick",
        "type v",
        "cold sore",
        "melasma",
        "peel",
        "laser",
    ]
    assert [detail for detail in details if str(detail).lower() in words] == []


def test_a_mail_server_answering_451_is_tried_again_later(mail_server):
    mail_server.data_replies = ["451 4.3.0 try later"]
    summary = due(patient(), FollowUp.SUMMARY)
    assert sending.send(summary.id) == sending.RETRY
    assert reload(summary).status == FollowUp.PENDING
    assert "451" in reload(summary).last_error
    assert mail_server.delivered == []

    FollowUp.objects.filter(pk=summary.pk).update(due_at=summary.created_at)
    assert sending.send(summary.id) == sending.SENT
    assert len(mail_server.delivered) == 1
    assert reload(summary).status == FollowUp.SENT


def test_an_email_tried_again_keeps_its_message_id(mail_server):
    mail_server.data_replies = ["451 4.3.0 try later"]
    summary = due(patient(), FollowUp.SUMMARY)
    sending.send(summary.id)
    FollowUp.objects.filter(pk=summary.pk).update(due_at=summary.created_at)
    sending.send(summary.id)
    [(refused, _, _), (accepted, _, _)] = mail_server.received
    assert refused["Message-ID"] == accepted["Message-ID"] == emails.message_id(summary)


def test_a_mail_server_answering_550_fails_the_email_at_once(mail_server):
    mail_server.rcpt_replies = ["550 5.1.1 no such user"]
    summary = due(patient(email="Ada.Lovelace@example.com"), FollowUp.SUMMARY)
    assert sending.send(summary.id) == sending.FAILED
    summary = reload(summary)
    assert (summary.status, summary.attempts) == (FollowUp.FAILED, 1)
    assert "550" in summary.last_error and "no such user" in summary.last_error
    assert "ada.lovelace" not in summary.last_error.lower()
    assert "example.com" not in summary.last_error.lower()
    assert sending.due_followup_ids() == []


def test_a_mail_server_that_cannot_be_reached_is_tried_again_later(mail_server, settings):
    settings.EMAIL_PORT = free_port()  # nothing listens there
    summary = due(patient(), FollowUp.SUMMARY)
    assert sending.send(summary.id) == sending.RETRY
    assert reload(summary).last_error.startswith("ConnectionRefusedError")


def test_a_sweep_sends_its_emails_over_one_connection(mail_server):
    for n in range(5):
        patient(email=f"patient{n}@example.com")
    assert tasks.send_due_followups() == {"sent": 5}
    assert len({peer for _, _, peer in mail_server.received}) == 1


def test_a_sweep_goes_on_over_a_new_connection_after_a_refusal(mail_server):
    mail_server.data_replies = ["250 OK", "451 4.3.0 try later"]
    for n in range(4):
        patient(email=f"patient{n}@example.com")
    assert tasks.send_due_followups() == {"sent": 3, "retry": 1}
    assert len(mail_server.delivered) == 3
    assert len({peer for _, _, peer in mail_server.received}) == 2
