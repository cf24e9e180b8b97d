"""Consent done right: the patient agrees to processing their health answers before answering
them, apart from the consent to storing and from the email opt-in; every consent text is a
published version, never edited, and each intake links to the exact texts its patient agreed
to, shown on the review page, in the JSON download and to staff."""

import pytest

from intake import consent
from intake.models import ConsentText, Intake
from tests.factories import SUPERUSER
from tests.intake.helpers import (
    REVIEW_URL,
    answer_steps,
    error_summary_text,
    health_answers,
    step_url,
    submit_questionnaire,
)
from tests.intake.markup import parse
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.django_db


def test_the_health_step_asks_consent_before_its_first_question(client):
    answer_steps(client, through="recovery")
    page = parse(client.get(step_url("health")))
    fields = [i.get("name") for i in page.find_all("input") if i.get("type") != "hidden"]
    assert fields[0] == "health_consent"
    assert consent.current(consent.HEALTH).text in page.text


def test_health_answers_without_that_consent_are_refused_with_a_clear_error(client):
    answer_steps(client, through="recovery")
    answers = {**health_answers(), "health_consent": "", "next": ""}
    response = client.post(step_url("health"), answers)
    assert response.status_code == 200
    assert "only use your health answers with your agreement" in error_summary_text(response)


def test_the_consents_are_separate_from_each_other_and_from_the_email_opt_in(client):
    answer_steps(client, through="health")
    page = parse(client.get(step_url("contact")))
    assert page.find("input", name="consent") is not None
    assert page.find("input", name="followup_opt_in") is not None
    assert page.find("input", name="health_consent") is None


def test_a_published_text_can_never_be_changed():
    text = consent.current(consent.STORAGE)
    text.text = "Something else"
    with pytest.raises(PermissionError):
        text.save()


def test_a_new_version_is_used_for_new_intakes_and_old_ones_keep_theirs(client):
    submit_questionnaire(client)
    first = Intake.objects.get()
    ConsentText.objects.create(kind=consent.STORAGE, version="2027-01-01", text="New wording.")

    answer_steps(client)
    assert "New wording." in client.get(REVIEW_URL).content.decode()
    client.post(REVIEW_URL)

    second = Intake.objects.exclude(pk=first.pk).get()
    assert second.consent_storage.text == "New wording."
    first.refresh_from_db()
    assert first.consent_storage.version == "2026-11-25"


def test_staff_publish_a_new_version_in_the_admin_but_cannot_edit_one(client):
    admin = signed_in(client, SUPERUSER)
    response = admin.post(
        "/admin/intake/consenttext/add/",
        {
            "kind": "health",
            "version": "2027-02-01",
            "text_en": "I agree to a clearer text.",
            "text_es": "Acepto un texto más claro.",
        },
    )
    assert response.status_code == 302
    assert consent.current(consent.HEALTH).text == "I agree to a clearer text."
    existing = ConsentText.objects.first()
    page = admin.get(f"/admin/intake/consenttext/{existing.pk}/change/")
    assert 'name="text_en"' not in page.content.decode()
