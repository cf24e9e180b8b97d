"""What a patient types on the contact step ends up in e-mails and staff screens: names and
addresses with line breaks, other control characters or hidden formatting are refused with a
clear error, and every form field's limits fit the column it is stored in. What the step says
of the e-mails is what they hold: a link to the results page and a reminder to book a
consultation, never the health answers."""

import sys
import unicodedata

import pytest
from django import forms
from django.core.exceptions import ValidationError

from followups.emails import build_message, result_url
from followups.models import FollowUp
from intake import steps
from intake.forms import no_control_characters
from intake.models import Intake
from tests.factories import followup_of
from tests.intake.helpers import (
    REVIEW_URL,
    WORKED_EXAMPLE,
    answer_steps,
    error_summary_text,
    step_url,
)
from tests.intake.markup import parse

pytestmark = pytest.mark.django_db

KINDS = [FollowUp.SUMMARY, FollowUp.REMINDER]


@pytest.fixture
def at_contact(client):
    answer_steps(client, through="health")
    return client


def post_contact(client, **changes):
    return client.post(step_url("contact"), {**WORKED_EXAMPLE["contact"], **changes, "next": ""})


@pytest.mark.parametrize(
    "name",
    ["Ann\r\nBcc: everyone@example.com", "Ann\u202egnp.exe", "Ann\x00", "A\u2066nn", "Ann\tB"],
)
def test_a_name_with_control_or_formatting_characters_is_refused(at_contact, name):
    response = post_contact(at_contact, name=name)
    assert response.status_code == 200
    assert "no line breaks or hidden formatting characters" in error_summary_text(response)


@pytest.mark.parametrize("email", ['"a\x1c\x1db"@example.com', "ann\u202e@example.com"])
def test_an_address_with_control_or_formatting_characters_is_refused(at_contact, email):
    response = post_contact(at_contact, email=email)
    assert response.status_code == 200
    assert "Your email" in error_summary_text(response)


@pytest.mark.parametrize("name", ["José María", "Zoë O'Neil", "Anne-Marie", "李小龙"])
def test_names_as_people_write_them_are_accepted(at_contact, name):
    assert post_contact(at_contact, name=name).status_code == 302


def test_every_control_and_formatting_character_is_refused():
    refused = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)) in ("Cc", "Cf"):
            try:
                no_control_characters(f"Ann{chr(code)}")
            except ValidationError:
                refused.append(code)
            else:
                pytest.fail(f"U+{code:04X} was accepted")
    assert len(refused) > 150


def test_every_text_field_of_the_questionnaire_fits_its_column():
    for step in steps.STEPS:
        for name, field in step.form_class.base_fields.items():
            if not isinstance(field, forms.CharField) or isinstance(field, forms.ChoiceField):
                continue
            column = Intake._meta.get_field(name)
            assert field.max_length is not None, f"{step.slug}.{name} has no length limit"
            assert field.max_length <= column.max_length, f"{step.slug}.{name}"


def opt_in_text(client):
    answer_steps(client, through="health")
    page = parse(client.get(step_url("contact")))
    return page.by_id("div_id_followup_opt_in").text


def test_the_email_opt_in_says_the_emails_hold_a_link_to_the_results_and_a_reminder(client):
    text = opt_in_text(client)

    assert "a link to my results page" in text
    assert "a reminder to book a consultation" in text
    assert "summary" not in text


def test_the_email_opt_in_says_health_answers_are_never_put_in_an_email(client):
    assert "health answers included, are never put in an email" in opt_in_text(client)


def test_the_emails_sent_after_opting_in_hold_what_the_opt_in_says(client):
    answer_steps(client)
    client.post(REVIEW_URL, {"save": ""})
    intake = Intake.objects.get()
    summary, reminder = (build_message(followup_of(intake, kind)) for kind in KINDS)

    assert result_url(intake) in summary.body
    assert result_url(intake) in reminder.body
    assert "consultation" in reminder.body
