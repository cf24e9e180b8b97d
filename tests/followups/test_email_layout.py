"""The results address is long, and would run past a phone's screen as the text of a link: the
HTML e-mails show a short link text, and the address, for copying, on its own line in an element
styled to break anywhere (inline, as e-mail clients need). The plain-text part keeps the full
address on a line of its own."""

import re

import pytest
from django.utils import timezone

from followups.emails import build_message, result_url
from followups.models import FollowUp
from intake import consent, contact
from intake.models import ContactRequest
from tests.factories import followup_of, make_intake
from tests.intake.markup import parse

pytestmark = pytest.mark.django_db

KINDS = [FollowUp.SUMMARY, FollowUp.REMINDER]
# A link text a phone shows on one line.
SHORT = 40
BREAKS_ANYWHERE = ("word-break:break-all", "overflow-wrap:anywhere")


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return parse(html)


def style_of(element):
    return re.sub(r"\s+", "", element.get("style", ""))


@pytest.fixture
def long_site(settings):
    settings.SITE_URL = "https://appointments.harley-street-skin-clinic.example"


@pytest.mark.parametrize("kind", KINDS)
def test_the_link_to_the_results_says_what_it_opens(long_site, kind):
    intake = make_intake()

    page = html_of(build_message(followup_of(intake, kind)))

    [link] = page.find_all("a", href=result_url(intake))
    assert link.text == "Open your results"


@pytest.mark.parametrize("kind", KINDS)
def test_the_results_address_is_shown_on_its_own_line_breaking_anywhere(long_site, kind):
    intake = make_intake()

    page = html_of(build_message(followup_of(intake, kind)))

    [shown] = [element for element in page.iter() if element.text == result_url(intake)]
    style = style_of(shown)
    assert all(rule in style for rule in BREAKS_ANYWHERE), style
    assert "display:block" in style


@pytest.mark.parametrize("kind", KINDS)
def test_the_plain_text_part_has_the_full_results_address_on_a_line_of_its_own(long_site, kind):
    intake = make_intake()

    message = build_message(followup_of(intake, kind))

    assert result_url(intake) in message.body.splitlines()


def contact_confirmation(intake, mailoutbox):
    request = ContactRequest.objects.create(
        intake=intake,
        email="ada@example.com",
        consent=consent.current(consent.CONTACT),
        consent_given_at=timezone.now(),
    )
    contact.send_emails(request.pk)
    [message] = [sent for sent in mailoutbox if sent.to == ["ada@example.com"]]
    return message


def test_no_html_email_to_a_patient_has_a_long_link_text(long_site, mailoutbox):
    intake = make_intake()
    messages = [build_message(followup_of(intake, kind)) for kind in KINDS]
    messages.append(contact_confirmation(intake, mailoutbox))

    long_texts = [
        link.text
        for message in messages
        for link in html_of(message).find_all("a")
        if len(link.text) > SHORT
    ]

    assert not long_texts
