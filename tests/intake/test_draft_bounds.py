"""A draft keeps only what its fields can hold: text longer than a field allows is refused with
a clear error and not kept, a choice outside a field's choices is not kept, and the whole draft
has a size cap, so the session row stays small whatever is posted."""

import pytest
from django.contrib.sessions.models import Session

from intake import drafts
from intake.drafts import SESSION_KEY
from tests.intake.helpers import WORKED_EXAMPLE, answer_steps, error_summary_text, step_url

pytestmark = pytest.mark.django_db

CONTACT = WORKED_EXAMPLE["contact"]


@pytest.fixture
def at_contact(client):
    answer_steps(client, through="health")
    return client


def post_contact(client, **changes):
    return client.post(step_url("contact"), {**CONTACT, **changes, "next": ""})


def test_a_name_longer_than_allowed_is_refused_with_a_clear_error(at_contact):
    response = post_contact(at_contact, name="A" * 101)
    assert response.status_code == 200
    assert "at most 100 characters" in error_summary_text(response)


def test_a_name_longer_than_allowed_is_not_kept_and_the_earlier_one_stays(at_contact):
    post_contact(at_contact, name="Ann")
    post_contact(at_contact, name="A" * 2_000_000)
    assert at_contact.session[SESSION_KEY]["contact"]["name"] == "Ann"


def test_an_email_longer_than_its_column_is_refused_with_a_clear_error(at_contact):
    response = post_contact(at_contact, email="a" * 64 + "@" + "b" * 190 + ".example")
    assert response.status_code == 200
    assert "at most 254 characters" in error_summary_text(response)


def test_a_choice_outside_the_fields_choices_is_not_kept(client):
    client.post(step_url("concerns"), {"concerns": ["acne_scars", "x" * 10_000], "next": ""})
    assert client.session[SESSION_KEY]["concerns"]["concerns"] == ["acne_scars"]


def test_a_draft_over_its_size_cap_is_refused_and_not_kept(at_contact, monkeypatch):
    monkeypatch.setattr(drafts, "MAX_DRAFT_CHARACTERS", 500)
    response = post_contact(at_contact, name="Ann")
    assert response.status_code == 200
    assert "too long to keep" in error_summary_text(response)
    assert "contact" not in at_contact.session[SESSION_KEY]


def test_a_post_far_larger_than_any_form_is_refused_unread_and_the_draft_kept(at_contact):
    post_contact(at_contact, name="Ann")
    response = post_contact(at_contact, name="A" * 2_000_000)
    assert response.status_code == 400
    assert "far larger" in response.content.decode()
    assert at_contact.session[SESSION_KEY]["contact"]["name"] == "Ann"


def test_the_session_row_stays_under_64_kb_whatever_is_posted(at_contact):
    for letter in "abcde":
        post_contact(at_contact, name=letter * 200_000, email=letter * 50_000)
        at_contact.get(step_url("contact"))
    largest = max(len(session.session_data) for session in Session.objects.all())
    assert largest < 64 * 1024
