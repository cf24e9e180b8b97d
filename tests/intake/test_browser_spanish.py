"""The patient's whole journey in Spanish, on a phone, in a real browser: the questionnaire,
the results, a contact request and the erasure, each page checked with axe-core and against the
English interface; the summary e-mail arrives over SMTP in Spanish; the language switch loses no
answer.

Spanish labels are looked up in the Spanish catalog (`es()`), so the test clicks what a Spanish
patient reads; a label left untranslated would still be English, which the comparison with the
English pages catches.
"""

import re

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from clinic.profile import current_clinic
from tests.factories import make_intake
from tests.intake.conftest import PHONE
from tests.intake.helpers import REVIEW_URL, result_url, step_url
from tests.intake.test_browser import click_label, has_no_sideways_scroll, serious_violations
from treatments.models import Source
from treatments.vocabulary import CONCERNS, HEALTH_FLAGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restored_database"),
]

RESULTS_URL = re.compile(r"/intake/results/[\w-]{32,}/$")
EMAIL = "lucia@example.com"
# What answer_the_questionnaire_in_spanish answers, for make_intake.
SAME_ANSWERS = {
    "concerns": ["acne_scars", "texture_tone"],
    "fitzpatrick": 3,
    "skin_type_source": "stated",
    "recovery": "up_to_1_week",
    "max_downtime_days": 7,
    "email": EMAIL,
    "name": "",
}


def es(message):
    with translation.override("es"):
        return translation.gettext(message)


def spanish_phone(open_page):
    page = open_page(PHONE)
    page.context.set_extra_http_headers({"Accept-Language": "es-ES,es;q=0.9"})
    return page


def english_twin(open_page, page, live_server):
    """A page in another browser context, with the Spanish page's cookies but English chosen:
    it shows the same pages of the same patient in English."""
    twin = open_page(PHONE)
    cookies = [c for c in page.context.cookies() if c["name"] != settings.LANGUAGE_COOKIE_NAME]
    twin.context.add_cookies(
        [*cookies, {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    return twin


def lines(page):
    """The page's visible text, a line per block, without blanks."""
    text = page.locator("body").inner_text()
    return {line.strip() for line in text.splitlines() if line.strip()}


def names_not_translated():
    """What a Spanish page may share with an English one: names (the clinic's, sources'
    publishers), the languages' own names, and lines without a word."""
    clinic = current_clinic()
    names = {clinic.name, *clinic.address.splitlines(), "English", "Español", EMAIL}
    names.update(Source.objects.values_list("publisher", flat=True))
    return names


def english_left(spanish, english, allowed):
    """The lines both pages show that hold a word besides the allowed names."""
    left = []
    for line in sorted(spanish & english):
        rest = line
        for name in allowed:
            rest = rest.replace(name, "")
        if re.search(r"[A-Za-z]{3}", rest):
            left.append(line)
    return left


class Journey:
    """Walks the Spanish page through the journey, checking each page it reaches: axe-core,
    no sideways scrolling, `<html lang="es">`, and no line of the English interface."""

    def __init__(self, page, twin, live_server):
        self.page, self.twin, self.url = page, twin, live_server.url
        self.english = set()
        self.allowed = names_not_translated()
        self.problems = []

    def check(self, name, english_url=None, english_too=True):
        """`english_url`: where the English twin of the page is, when not at the same address."""
        page = self.page
        if english_too:
            self.twin.goto(english_url or page.url)
            self.english |= lines(self.twin)
        if page.locator("html").get_attribute("lang") != "es":
            self.problems.append(f"{name}: <html lang> is not es")
        left = english_left(lines(page), self.english, self.allowed)
        if left:
            self.problems.append(f"{name}: English left: {left}")
        violations = serious_violations(page)
        if violations:
            self.problems.append(f"{name}: {violations}")
        if not has_no_sideways_scroll(page):
            self.problems.append(f"{name}: scrolls sideways")


def answer_the_questionnaire_in_spanish(page, reached=lambda name: None):
    """From the first step to the results, as a Spanish patient who wants e-mails;
    `reached(name)` on each page before it is answered."""

    def next_step(button, expected_path):
        page.get_by_role("button", name=es(button)).click()
        expect(page).to_have_url(re.compile(re.escape(expected_path) + "$"))

    reached("concerns")
    for concern in ("acne_scars", "texture_tone"):
        page.locator("label").filter(has_text=f"{es(CONCERNS[concern])}:").click()
    next_step("Next", step_url("skin-type"))

    reached("skin type")
    click_label(page, es("A professional has already told me my skin type"))
    page.get_by_label(es("My skin type (Fitzpatrick)")).select_option("3")
    next_step("Next", step_url("recovery"))

    reached("recovery")
    click_label(page, es("Up to 1 week"))
    next_step("Next", step_url("health"))

    reached("health")
    page.locator("label[for=id_health_consent]").click()
    for question, _ in HEALTH_FLAGS.values():
        click_label(page.get_by_role("group", name=es(question)), es("No"))
    next_step("Next", step_url("contact"))

    reached("contact")
    click_label(page, es("I am 18 or older."))
    page.get_by_label(es("Your email (optional)")).fill(EMAIL)
    page.locator("label[for=id_followup_opt_in]").click()
    page.locator("label[for=id_consent]").click()
    next_step("Review my answers", REVIEW_URL)

    reached("review")
    page.get_by_role("button", name=es("Save and see my results")).click()
    expect(page).to_have_url(RESULTS_URL)


def test_a_spanish_patient_completes_the_journey_on_a_phone_in_spanish(
    open_page, live_server, mail_server, screenshot
):
    page = spanish_phone(open_page)
    page.goto(live_server.url + step_url("concerns"))
    journey = Journey(page, english_twin(open_page, page, live_server), live_server)

    answer_the_questionnaire_in_spanish(page, journey.check)
    screenshot(page, "spanish-results-phone")
    # A stored result keeps the texts it was given in: the English results are another
    # patient's, with the same answers, in English.
    with translation.override("en"):
        in_english = make_intake(**SAME_ANSWERS)
    results = page.url
    journey.check("results", english_url=live_server.url + result_url(in_english))
    page.get_by_role("link", name=es("Ask the clinic to contact me")).click()
    page.get_by_role("textbox", name=es("Phone number")).fill("+34 600 000 000")
    page.locator("label[for=id_consent]").click()
    page.get_by_role("button", name=es("Ask the clinic to contact me")).click()
    journey.check("contact sent", english_too=False)

    page.goto(results + "delete/")
    journey.check("delete")
    page.get_by_role("button", name=es("Yes, delete everything")).click()
    expect(page).to_have_url(RESULTS_URL)
    journey.check("erased")

    assert journey.problems == [], "\n".join(journey.problems)


def test_a_spanish_patients_summary_email_arrives_in_spanish(open_page, live_server, mail_server):
    page = spanish_phone(open_page)
    page.goto(live_server.url + step_url("concerns"))

    answer_the_questionnaire_in_spanish(page)

    summary = next(m for m in mail_server.delivered if m["To"] == EMAIL)
    text = summary.get_body(preferencelist=("plain",)).get_content()
    assert summary["Subject"] == es("Your skin resurfacing results")
    assert es("Hello,") in text
    assert "results are saved at this private address" not in text


def test_switching_language_in_the_middle_of_a_step_keeps_what_was_answered(open_page, live_server):
    page = spanish_phone(open_page)
    page.goto(live_server.url + step_url("concerns"))
    page.locator("label").filter(has_text=f"{es(CONCERNS['acne_scars'])}:").click()

    page.get_by_role("button", name="English").click()

    expect(page).to_have_url(re.compile(re.escape(step_url("concerns")) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_label(CONCERNS["acne_scars"])).to_be_checked()
    expect(page.get_by_role("button", name="Next")).to_be_visible()
