"""Each follow-up e-mail: text and HTML from templates, links, the consult message, no health
details, a one-click unsubscribe and a deterministic Message-ID."""

import re

import pytest
from django.core.checks import run_checks

from followups.emails import build_message, result_url, unsubscribe_url
from followups.models import FollowUp
from intake.forms import SKIN_TYPE_DESCRIPTIONS
from tests.factories import followup_of, make_intake
from treatments.vocabulary import CONCERNS, HEALTH_FLAGS

pytestmark = pytest.mark.django_db

KINDS = [FollowUp.SUMMARY, FollowUp.REMINDER]


def parts(message):
    """The plain-text body and the HTML alternative."""
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return message.body, html


def all_text(message):
    return "\n".join([message.subject, *parts(message)])


@pytest.mark.parametrize("kind", KINDS)
def test_the_email_has_a_subject_a_text_and_an_html_version(kind):
    message = build_message(followup_of(make_intake(), kind))
    text, html = parts(message)
    assert message.subject and "\n" not in message.subject
    assert "<html" not in text
    assert html.lstrip().startswith("<!doctype html>")


@pytest.mark.parametrize("kind", KINDS)
def test_the_email_goes_to_the_patient_only(kind):
    message = build_message(followup_of(make_intake(email="ada@example.com"), kind))
    assert message.recipients() == ["ada@example.com"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_email_links_to_the_patients_result_page(kind, settings):
    settings.SITE_URL = "https://clinic.example"
    intake = make_intake()
    text, html = parts(build_message(followup_of(intake, kind)))
    link = f"https://clinic.example/intake/results/{intake.token}/"
    assert result_url(intake) == link
    assert link in text
    assert f'href="{link}"' in html


@pytest.mark.parametrize("kind", KINDS)
def test_the_email_says_to_consult_a_qualified_professional_and_is_not_medical_advice(kind):
    for part in parts(build_message(followup_of(make_intake(), kind))):
        flat = " ".join(re.sub(r"<[^>]+>", " ", part).split())
        assert "qualified professional" in flat
        assert "not a diagnosis or medical advice" in flat


@pytest.mark.parametrize("kind", KINDS)
def test_the_email_carries_no_health_details(kind):
    intake = make_intake(
        concerns=list(CONCERNS),
        fitzpatrick=5,
        health=dict.fromkeys(["cold_sore_history", "melasma_or_pih_history"], True),
    )
    words = all_text(build_message(followup_of(intake, kind))).lower()
    treatments = [c["name"] for c in intake.recommendation["candidates"]] + [
        e["name"] for e in intake.recommendation["excluded"]
    ]
    assert treatments, "the intake should have a recommendation to leak"
    details = [
        *CONCERNS,
        *CONCERNS.values(),
        *HEALTH_FLAGS,
        *(question for question, _ in HEALTH_FLAGS.values()),
        *(str(label) for label in SKIN_TYPE_DESCRIPTIONS.values()),
        *treatments,
        "fitzpatrick",
        "type v",
        "cold sore",
        "melasma",
        "peel",
        "laser",
        "microneedling",
        "dermabrasion",
    ]
    leaked = [detail for detail in details if detail.lower() in words]
    assert leaked == []


@pytest.mark.parametrize("kind", KINDS)
def test_the_greeting_uses_the_name_when_given(kind):
    text, html = parts(build_message(followup_of(make_intake(name="Ada"), kind)))
    assert text.startswith("Hello Ada,")
    assert "Hello Ada," in html


@pytest.mark.parametrize("kind", KINDS)
def test_the_greeting_works_without_a_name(kind):
    text, html = parts(build_message(followup_of(make_intake(name=""), kind)))
    assert text.startswith("Hello,\n")
    assert "Hello," in html


def test_a_name_is_escaped_in_the_html_and_kept_as_typed_in_the_text():
    name = "Zoë O'Neil"
    text, html = parts(build_message(followup_of(make_intake(name=name))))
    assert f"Hello {name}," in text
    assert "Zoë O&#x27;Neil" in html


@pytest.mark.parametrize("kind", KINDS)
def test_the_email_has_a_one_click_unsubscribe_link_and_header(kind):
    intake = make_intake()
    message = build_message(followup_of(intake, kind))
    text, html = parts(message)
    link = unsubscribe_url(intake)
    assert link in text
    assert f'href="{link}"' in html
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    sent = message.message()
    assert sent["List-Unsubscribe"] == f"<{link}>"


def test_each_followup_has_its_own_deterministic_message_id(settings):
    settings.DEFAULT_FROM_EMAIL = "Clinic <no-reply@clinic.example>"
    intake = make_intake()
    summary, reminder = followup_of(intake, "summary"), followup_of(intake, "reminder")
    first = build_message(summary).message()["Message-ID"]
    assert first == build_message(summary).message()["Message-ID"]
    assert first != build_message(reminder).message()["Message-ID"]
    assert re.fullmatch(rf"<followup-{summary.id}\.\d+@clinic\.example>", first)


def test_the_email_wording_puts_no_pressure_on_the_patient():
    words = " ".join(
        all_text(build_message(followup_of(make_intake(), kind))).lower() for kind in KINDS
    )
    for pressure in ["offer", "discount", "limited", "hurry", "today only", "act now", "guarantee"]:
        assert pressure not in words
    assert "no rush" in words


def test_every_kind_of_the_schedule_has_its_templates():
    assert [m for m in run_checks() if m.id.startswith("followups.")] == []


def test_a_schedule_with_an_unknown_kind_is_reported_at_start_up(settings):
    settings.FOLLOWUP_SCHEDULE = {"summary": 0, "birthday": 60}
    assert [m.id for m in run_checks() if m.id.startswith("followups.")] == ["followups.E001"]


def test_a_deployment_without_the_sites_address_is_warned_about(settings):
    def warnings():
        found = run_checks(include_deployment_checks=True)
        return [m.id for m in found if m.id.startswith("followups.")]

    settings.SITE_URL = "http://127.0.0.1:8000"
    assert warnings() == ["followups.W002"]
    settings.SITE_URL = "https://clinic.example"
    assert warnings() == []
