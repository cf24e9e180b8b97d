"""The printed results: a consultation summary of at most two A4 pages, as Chromium prints it
(Playwright's page.pdf, read back with pypdf). It holds the answers in brief, the skin type and
how it was found, the ranked treatments with recovery, sessions, fees, risks and the questions to
ask, the treatments ruled out and why, and how to reach the clinic. Every treatment's details
print, opened or not, without JavaScript."""

import io
import unicodedata

import pytest
from pypdf import PdfReader

from clinic.models import Clinic
from tests.factories import make_intake
from tests.intake.conftest import DESKTOP
from tests.intake.helpers import WORKED_EXAMPLE, answers, health_answers, result_url
from treatments.vocabulary import CONCERNS, FITZPATRICK_TYPES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

MAX_PAGES = 2

# The longest summary: every concern, a skin type and a recovery time that rule nothing out, and
# answers that add a caution to every treatment.
EVERY_TREATMENT = answers(
    concerns={"concerns": list(CONCERNS)},
    skin_type={"method": "stated", "stated_type": "1"},
    recovery={"recovery": "more_than_2_weeks"},
    health=health_answers("cold_sore_history", "photosensitizing_medication"),
)
CASES = {"worked-example": WORKED_EXAMPLE, "every-treatment": EVERY_TREATMENT}


CLINIC = {
    "name": "Clínica Aurora",
    "address": "Calle Mayor 1, 28013 Madrid",
    "phone": "+34 910 000 123",
    "email": "citas@aurora.example",
    "booking_url": "https://aurora.example/book",
}


@pytest.fixture(scope="module")
def summaries():
    """Each case printed once for the module's tests: (pages, text, intake) by case."""
    return {}


@pytest.fixture(params=CASES, ids=CASES)
def summary(request, summaries, open_page, live_server):
    case = request.param
    if case not in summaries:
        request.getfixturevalue("restored_database")
        clinic = Clinic.objects.get(pk=1)
        for field, value in CLINIC.items():
            setattr(clinic, field, value)
        clinic.save()
        intake = make_intake(steps=CASES[case])
        summaries[case] = (*printed(open_page, live_server, intake), intake)
    return summaries[case]


def printed(open_page, live_server, intake):
    """(pages, text) of the results page printed to A4 with JavaScript off: nothing but the
    print stylesheet opens the treatments' details."""
    page = open_page(DESKTOP, javascript=False)
    page.goto(live_server.url + result_url(intake))
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    # NFKC: the PDF's fonts write "fi" and "ff" as ligatures.
    text = unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in reader.pages))
    return len(reader.pages), words(text)


def words(text):
    return " ".join(text.split())


def test_the_summary_prints_on_at_most_two_a4_pages(summary):
    pages, _, intake = summary

    assert len(intake.recommendation["candidates"]) >= 6
    assert pages <= MAX_PAGES


def test_the_summary_has_every_treatments_risks(summary):
    _, text, intake = summary

    missing = [
        c["slug"]
        for c in intake.recommendation["candidates"]
        if words(c["side_effects"]) not in text
    ]
    assert missing == []


def test_the_summary_ranks_the_treatments_with_recovery_sessions_and_fees(summary):
    _, text, intake = summary

    for position, candidate in enumerate(intake.recommendation["candidates"], start=1):
        assert f"{position}. {candidate['name']}" in text
    # Microneedling: 1-3 days, 3-6 sessions of $200-$700.
    assert "Recovery 1–3 days Sessions 3–6 Cost per session $200–$700" in text
    assert "Whole course $600–$4,200" in text


def test_the_summary_has_the_cautions_and_the_questions_to_ask(summary):
    _, text, intake = summary

    for candidate in intake.recommendation["candidates"]:
        assert all(words(caution["text"]) in text for caution in candidate["cautions"])
        assert candidate["questions"], candidate["slug"]
        assert all(words(question) in text for question in candidate["questions"])


def test_the_summary_has_the_treatments_ruled_out_and_why(summary):
    _, text, intake = summary

    for excluded in intake.recommendation["excluded"]:
        assert excluded["name"] in text
        assert all(words(reason["text"]) in text for reason in excluded["reasons"])


def test_the_summary_has_the_answers_and_how_the_skin_type_was_found(summary):
    _, text, intake = summary

    assert f"Concerns {', '.join(CONCERNS[key] for key in intake.concerns)}" in text
    skin_type = FITZPATRICK_TYPES[intake.fitzpatrick]
    assert f"Skin type Type {skin_type} — stated by the patient, as told by a professional" in text
    assert "Recovery time you can accept" in text


def test_the_summary_says_how_to_reach_the_clinic(summary):
    _, text, _ = summary

    for detail in CLINIC.values():
        assert detail in text


def test_the_summary_says_it_is_not_medical_advice(summary):
    _, text, _ = summary

    assert "Not medical advice" in text
    assert "not a diagnosis or medical advice" in text


def test_the_summary_leaves_out_what_only_a_screen_needs(summary):
    _, text, _ = summary

    assert "Compare at a glance" not in text
    assert "Delete my answers" not in text
    assert "Open a treatment for" not in text
