"""What a patient types on the contact step ends up in e-mails and staff screens: names and
addresses with line breaks, other control characters or hidden formatting are refused with a
clear error, and every form field's limits fit the column it is stored in."""

import sys
import unicodedata

import pytest
from django import forms
from django.core.exceptions import ValidationError

from intake import steps
from intake.forms import no_control_characters
from intake.models import Intake
from tests.intake.helpers import WORKED_EXAMPLE, answer_steps, error_summary_text, step_url

pytestmark = pytest.mark.django_db


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
