"""E-mails to a patient are in the language they answered the questionnaire in (the intake
keeps it), whatever language is active where the e-mail is sent from: the follow-up summary and
reminder, and the confirmation of a request to be contacted. The clinic's staff are written to
in the site's language.

The Spanish texts asserted are the translations of locale/es/LC_MESSAGES/django.po.
"""

import re

import pytest
from django.utils import translation

from clinic.models import Clinic
from followups import sending
from followups.models import FollowUp
from tests.factories import followup_of, make_due, make_intake
from tests.intake.helpers import result_url

pytestmark = pytest.mark.django_db

SUBJECTS = {
    FollowUp.SUMMARY: {
        "en": "Your skin resurfacing results",
        "es": "Sus resultados de rejuvenecimiento cutáneo",
    },
    FollowUp.REMINDER: {
        "en": "A reminder about your skin resurfacing results",
        "es": "Un recordatorio sobre sus resultados de rejuvenecimiento cutáneo",
    },
}
KINDS = list(SUBJECTS)


def intake_in(language, **answers):
    """An intake submitted while the patient's language was `language`."""
    with translation.override(language):
        return make_intake(**answers)


def sent(intake, kind, mailoutbox):
    """The follow-up of that kind, sent as the worker sends it when its time comes."""
    assert sending.send(make_due(followup_of(intake, kind)).id) == sending.SENT
    [message] = mailoutbox
    return message


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def flat(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- Follow-up e-mails ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_patient_who_answered_in_spanish_gets_the_followup_subject_in_spanish(mailoutbox, kind):
    message = sent(intake_in("es"), kind, mailoutbox)

    assert message.subject == SUBJECTS[kind]["es"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_patient_who_answered_in_spanish_is_greeted_in_spanish(mailoutbox, kind):
    message = sent(intake_in("es", name="Ada"), kind, mailoutbox)

    assert message.body.startswith("Hola, Ada:")
    assert "Hola, Ada:" in flat(html_of(message))


@pytest.mark.parametrize("kind", KINDS)
def test_a_spanish_followups_html_declares_it_is_in_spanish(mailoutbox, kind):
    message = sent(intake_in("es"), kind, mailoutbox)

    assert '<html lang="es">' in html_of(message)


@pytest.mark.parametrize("kind", KINDS)
def test_a_spanish_followup_still_links_to_the_patients_results_page(mailoutbox, kind, settings):
    settings.SITE_URL = "https://clinic.example"
    intake = intake_in("es")

    message = sent(intake, kind, mailoutbox)

    assert f"https://clinic.example{result_url(intake)}" in message.body


@pytest.mark.parametrize("kind", KINDS)
def test_a_patient_who_answered_in_english_gets_english_when_spanish_is_active_at_sending(
    mailoutbox, kind
):
    intake = intake_in("en")

    with translation.override("es"):
        message = sent(intake, kind, mailoutbox)

    assert message.subject == SUBJECTS[kind]["en"]
    assert message.body.startswith("Hello Ada Lovelace,")


def test_sending_a_spanish_followup_leaves_the_senders_language_as_it_was(mailoutbox):
    intake = intake_in("es")

    with translation.override("en"):
        sent(intake, FollowUp.SUMMARY, mailoutbox)
        assert translation.get_language() == "en"


# --- Contact requests -----------------------------------------------------------------------------

REQUEST = {"phone": "+34 600 000 000", "preferred_time": "any", "consent": "on"}


@pytest.fixture
def clinic():
    clinic = Clinic.objects.get(pk=1)
    clinic.name = "Harley Skin"
    clinic.staff_email = "desk@harley.example"
    clinic.save()
    return clinic


def request_contact(client, intake, django_capture_on_commit_callbacks):
    """The patient asks to be contacted from their results page, giving their address for the
    confirmation; the e-mails go out."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(result_url(intake) + "contact/", {**REQUEST, "email": intake.email})
    assert response.status_code == 200


def test_the_confirmation_to_a_patient_who_answered_in_spanish_is_in_spanish(
    client, clinic, mailoutbox, django_capture_on_commit_callbacks
):
    intake = intake_in("es", email="ana@example.com")

    request_contact(client, intake, django_capture_on_commit_callbacks)

    [confirmation] = [m for m in mailoutbox if m.to == ["ana@example.com"]]
    assert confirmation.subject == "Harley Skin se pondrá en contacto con usted"
    assert confirmation.body.startswith("Hola:")


def test_the_confirmation_follows_the_intakes_language_not_the_browsers(
    client, clinic, mailoutbox, django_capture_on_commit_callbacks
):
    intake = intake_in("en", email="ada@example.com")
    # The patient chose Spanish with the switch before asking to be contacted.
    client.post("/i18n/setlang/", {"language": "es", "next": result_url(intake)})

    request_contact(client, intake, django_capture_on_commit_callbacks)

    [confirmation] = [m for m in mailoutbox if m.to == ["ada@example.com"]]
    assert confirmation.subject == "Harley Skin will contact you"


def test_the_staff_notice_of_a_spanish_patients_request_is_in_the_sites_language(
    client, clinic, mailoutbox, django_capture_on_commit_callbacks
):
    intake = intake_in("es")

    request_contact(client, intake, django_capture_on_commit_callbacks)

    [notice] = [m for m in mailoutbox if m.to == ["desk@harley.example"]]
    assert notice.subject == "A patient asks to be contacted"
