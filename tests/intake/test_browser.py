"""The questionnaire in a real browser (Debian's Chromium, driven by Playwright).

Patients use phones and desktops, screen readers and no-JavaScript browsers; these tests walk
the pages as a person does and check them with axe-core. Screenshots of every page land in
test-artifacts/screenshots/.

The live server runs on a transactional database that is flushed after each test; the
`restored_database` fixture puts back what the data migrations seeded before each test.
"""

import re
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect

from intake import phototype
from tests.factories import make_intake
from tests.intake.conftest import DESKTOP, PHONE
from tests.intake.helpers import (
    NO_FOLLOW_UP,
    REVIEW_URL,
    STEP_SLUGS,
    WORKED_EXAMPLE,
    answer_steps,
    answers,
    questionnaire_scores,
    result_url,
    step_url,
)
from treatments.vocabulary import HEALTH_FLAGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restored_database"),
]

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
PAGES = [*STEP_SLUGS, "review", "results"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
SERIOUS = {"serious", "critical"}
RESULTS_URL = re.compile(r"/intake/results/[\w-]{32,}/$")


# A patient's actions --------------------------------------------------------------------------


def click_label(scope, text):
    """Click the label with exactly this text (a required field's * aside), as a person would."""
    exactly = re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$")
    scope.locator("label").filter(has_text=exactly).click()


def go_on(page, button, expected_path):
    page.get_by_role("button", name=button).click()
    expect(page).to_have_url(re.compile(re.escape(expected_path) + "$"))


def answer_concerns(page, *concerns):
    for concern in concerns:
        page.locator("label").filter(has_text=f"{concern}:").click()
        expect(page.get_by_label(concern)).to_be_checked()
    go_on(page, "Next", step_url("skin-type"))


def answer_skin_type_questionnaire(page, total):
    click_label(page, "Answer 10 short questions and we estimate it")
    for name, score in questionnaire_scores(total).items():
        question, options = phototype.QUESTIONS[name]
        group = page.get_by_role("group", name=question)
        click_label(group, options[score])
        expect(group.get_by_label(options[score], exact=True)).to_be_checked()
    go_on(page, "Next", step_url("recovery"))


def answer_skin_type_stated(page, option_text):
    click_label(page, "A professional has already told me my skin type")
    page.get_by_label("My skin type (Fitzpatrick)").select_option(label=option_text)
    go_on(page, "Next", step_url("recovery"))


def answer_recovery(page, label):
    click_label(page, label)
    go_on(page, "Next", step_url("health"))


def answer_health(page, *yes):
    page.locator("label[for=id_health_consent]").click()
    expect(page.locator("#id_health_consent")).to_be_checked()
    for flag, (question, _) in HEALTH_FLAGS.items():
        click_label(page.get_by_role("group", name=question), "Yes" if flag in yes else "No")
    go_on(page, "Next", step_url("contact"))


def answer_contact(page, name=""):
    click_label(page, "I am 18 or older.")
    if name:
        page.get_by_label("Your first name (optional)").fill(name)
    page.locator("label[for=id_consent]").click()
    expect(page.get_by_label("I am 18 or older.")).to_be_checked()
    go_on(page, "Review my answers", REVIEW_URL)


def confirm_review(page):
    page.get_by_role("button", name="Save and see my results").click()
    expect(page).to_have_url(RESULTS_URL)


# Setting the scene quickly --------------------------------------------------------------------


def open_at(page, where, client, live_server):
    """Open a page of the questionnaire with every step before it already answered."""
    if where == "results":
        page.goto(live_server.url + result_url(make_intake(steps=answers(NO_FOLLOW_UP))))
        return
    index = PAGES.index(where)
    if index:
        answer_steps(client, through=STEP_SLUGS[index - 1])
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    page.goto(live_server.url + (REVIEW_URL if where == "review" else step_url(where)))


def serious_violations(page):
    """axe-core's serious and critical violations, as 'rule (impact): targets' lines."""
    response = Axe().run(page).response
    return [
        f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'])}"
        for v in response["violations"]
        if v["impact"] in SERIOUS
    ]


def has_no_sideways_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


# Whole journeys -------------------------------------------------------------------------------


def test_a_phone_user_completes_the_skin_type_questionnaire_to_the_results(
    open_page, live_server, screenshot
):
    page = open_page(PHONE)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Start the questionnaire").click()
    expect(page).to_have_url(re.compile(re.escape(step_url("concerns")) + "$"))

    screenshot(page, "phone-1-concerns")
    answer_concerns(page, "Acne scars", "Large pores")
    screenshot(page, "phone-2-skin-type")
    answer_skin_type_questionnaire(page, total=21)
    screenshot(page, "phone-3-recovery")
    answer_recovery(page, "Up to 1 week")
    screenshot(page, "phone-4-health")
    answer_health(page, "cold_sore_history")
    screenshot(page, "phone-5-contact")
    answer_contact(page, name="Ann")
    screenshot(page, "phone-6-review")
    expect(page.get_by_text("Type IV (estimated from the skin-type questionnaire)")).to_be_visible()
    confirm_review(page)
    screenshot(page, "phone-7-results")

    expect(page.get_by_role("heading", level=1)).to_have_text("Your results")
    expect(page.locator("#candidate-microneedling")).to_have_text(
        "1. Microneedling (collagen induction therapy)"
    )


def test_a_desktop_user_completes_the_stated_skin_type_path_to_the_results(
    open_page, live_server, screenshot
):
    page = open_page(DESKTOP)
    page.goto(live_server.url + step_url("concerns"))

    screenshot(page, "desktop-1-concerns")
    answer_concerns(page, "Fine lines and wrinkles", "Texture and tone")
    screenshot(page, "desktop-2-skin-type")
    answer_skin_type_stated(page, "Type II — fair, usually burns, tans with difficulty")
    screenshot(page, "desktop-3-recovery")
    answer_recovery(page, "Up to 2 weeks")
    screenshot(page, "desktop-4-health")
    answer_health(page)
    screenshot(page, "desktop-5-contact")
    answer_contact(page)
    screenshot(page, "desktop-6-review")
    expect(
        page.get_by_text("Type II (stated by the patient, as told by a professional)")
    ).to_be_visible()
    confirm_review(page)
    screenshot(page, "desktop-7-results")

    expect(page.get_by_role("heading", level=1)).to_have_text("Your results")
    expect(
        page.get_by_role("heading", name="Treatments to discuss, best match first")
    ).to_be_visible()


def test_without_javascript_a_patient_can_still_complete_the_questionnaire(
    open_page, live_server, screenshot
):
    page = open_page(PHONE, javascript=False)
    page.goto(live_server.url + step_url("concerns"))

    answer_concerns(page, "Sun damage and age spots")
    expect(page.locator("#questionnaire-section")).to_be_visible()
    expect(page.locator("#stated-section")).to_be_visible()
    screenshot(page, "no-js-2-skin-type")
    answer_skin_type_stated(page, "Type III — medium, sometimes burns, tans gradually")
    answer_recovery(page, "Up to 2 days")
    answer_health(page)
    answer_contact(page)
    confirm_review(page)
    screenshot(page, "no-js-7-results")

    expect(page.get_by_role("heading", level=1)).to_have_text("Your results")


def test_no_request_leaves_the_local_server(open_page, live_server):
    page = open_page(DESKTOP)
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Start the questionnaire").click()
    answer_concerns(page, "Acne scars")
    answer_skin_type_stated(page, "Type V — brown, very rarely burns, tans darkly")
    answer_recovery(page, "Up to 1 week")
    answer_health(page)
    answer_contact(page)
    confirm_review(page)
    page.wait_for_load_state("networkidle")

    network = [url for url in requested if urlparse(url).scheme in ("http", "https", "ws", "wss")]
    assert network, "no request was recorded"
    assert [url for url in network if urlparse(url).hostname not in LOCAL_HOSTS] == []


# Every page, checked on its own ---------------------------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORTS)
@pytest.mark.parametrize("where", PAGES)
def test_the_page_has_no_serious_accessibility_violations(
    open_page, client, live_server, where, viewport
):
    page = open_page(VIEWPORTS[viewport])
    open_at(page, where, client, live_server)

    violations = serious_violations(page)

    assert violations == [], f"axe on {where} ({viewport}):\n" + "\n".join(violations)


@pytest.mark.parametrize("where", ["home", "delete-confirmation", "deleted"])
def test_the_other_patient_pages_have_no_serious_accessibility_violations(
    open_page, live_server, where
):
    page = open_page(PHONE)
    if where == "home":
        page.goto(live_server.url + "/")
    else:
        intake = make_intake(steps=answers(NO_FOLLOW_UP))
        if where == "deleted":
            intake.erase()
        suffix = "delete/" if where == "delete-confirmation" else ""
        page.goto(live_server.url + result_url(intake) + suffix)

    violations = serious_violations(page)

    assert violations == [], f"axe on {where}:\n" + "\n".join(violations)


@pytest.mark.parametrize("where", ["concerns", "contact"])
def test_a_step_showing_errors_has_no_serious_accessibility_violations(
    open_page, client, live_server, where
):
    page = open_page(PHONE)
    open_at(page, where, client, live_server)
    page.get_by_role("button", name=re.compile("^(Next|Review my answers)$")).click()
    expect(page.locator("#error-summary")).to_be_visible()

    violations = serious_violations(page)

    assert violations == [], f"axe on {where} with errors:\n" + "\n".join(violations)


@pytest.mark.parametrize("where", PAGES)
def test_the_page_fits_a_phone_screen_without_sideways_scrolling(
    open_page, client, live_server, where
):
    page = open_page(PHONE)
    open_at(page, where, client, live_server)

    assert has_no_sideways_scroll(page), page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


def test_the_skin_type_step_shows_only_the_section_of_the_chosen_method(
    open_page, client, live_server
):
    page = open_page(DESKTOP)
    open_at(page, "skin-type", client, live_server)
    questionnaire, stated = page.locator("#questionnaire-section"), page.locator("#stated-section")
    expect(questionnaire).to_be_visible()
    expect(stated).to_be_hidden()

    click_label(page, "A professional has already told me my skin type")

    expect(questionnaire).to_be_hidden()
    expect(stated).to_be_visible()

    click_label(page, "Answer 10 short questions and we estimate it")

    expect(questionnaire).to_be_visible()
    expect(stated).to_be_hidden()


def test_a_stated_type_chosen_earlier_opens_with_the_questionnaire_hidden(
    open_page, client, live_server
):
    page = open_page(DESKTOP)
    open_at(page, "recovery", client, live_server)  # every step before answered
    assert WORKED_EXAMPLE["skin-type"] == {"method": "stated", "stated_type": "4"}

    page.goto(live_server.url + step_url("skin-type"))

    expect(page.locator("#questionnaire-section")).to_be_hidden()
    expect(page.get_by_label("My skin type (Fitzpatrick)")).to_have_value("4")


def test_the_print_button_appears_only_with_javascript(open_page, live_server):
    intake = make_intake(steps=answers(NO_FOLLOW_UP))
    with_js, without_js = open_page(DESKTOP), open_page(DESKTOP, javascript=False)

    with_js.goto(live_server.url + result_url(intake))
    without_js.goto(live_server.url + result_url(intake))

    expect(with_js.get_by_role("button", name="Print summary")).to_be_visible()
    expect(without_js.locator("#print-button")).to_be_hidden()


def test_a_summary_link_moves_focus_to_the_field_in_error(open_page, client, live_server):
    page = open_page(DESKTOP)
    open_at(page, "recovery", client, live_server)
    page.get_by_role("button", name="Next").click()

    page.locator("#error-summary a").first.click()

    expect(page).to_have_url(re.compile("#id_recovery_0$"))
    expect(page.locator("#id_recovery_0")).to_be_in_viewport()
