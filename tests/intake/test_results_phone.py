"""The results page on a phone (390×844, Chromium): the first screen shows, after a short
heading, every treatment to discuss as a compact ranked row (name, how well it fits, recovery
and the whole course's fees); each row opens to its details, with or without JavaScript; the
page says once that it is not medical advice, plus the footer."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_intake
from tests.intake.conftest import PHONE
from tests.intake.helpers import WORKED_EXAMPLE, result_url

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restored_database"),
]


@pytest.fixture
def intake():
    """The worked example: six treatments to discuss, three ruled out."""
    return make_intake(steps=WORKED_EXAMPLE)


@pytest.fixture
def phone(open_page, live_server, intake, screenshot):
    page = open_page(PHONE)
    page.goto(live_server.url + result_url(intake))
    screenshot(page, "results-phone")
    return page


def rows(page):
    return page.locator(".candidate-summary")


def test_the_first_screen_shows_every_treatment_to_discuss_as_a_ranked_row(phone, intake):
    candidates = intake.recommendation["candidates"]

    expect(rows(phone)).to_have_count(len(candidates))
    for row in rows(phone).all():
        expect(row).to_be_in_viewport(ratio=1)


def test_the_first_screen_begins_with_a_short_heading(phone):
    heading = phone.get_by_role("heading", level=1)

    expect(heading).to_have_text("Your results")
    first_row = rows(phone).first.bounding_box()
    assert heading.bounding_box()["y"] < first_row["y"] < PHONE["height"] / 2


def test_a_row_says_the_rank_name_fit_recovery_and_whole_course(phone):
    # Microneedling scores 5 of 6 for acne scars and large pores: recovery 1-3 days, 3-6
    # sessions of $200-$700.
    row = rows(phone).first

    expect(row).to_have_text(
        "1. Microneedling (collagen induction therapy) Top match very good fit (5 of 6) "
        "Recovery 1–3 days Whole course $600–$4,200",
        use_inner_text=True,
    )


def test_the_details_are_closed_until_the_patient_opens_a_row(phone):
    article = phone.locator("article", has=phone.locator("#candidate-microneedling"))
    risks = article.locator(".risks")
    expect(risks).to_be_hidden()

    article.locator("summary").click()

    expect(risks).to_be_visible()
    expect(article.get_by_role("heading", name="Why it may fit")).to_be_visible()
    expect(article.get_by_role("link", name="More about Microneedling")).to_be_visible()


def test_a_row_opens_without_javascript(open_page, live_server, intake):
    page = open_page(PHONE, javascript=False)
    page.goto(live_server.url + result_url(intake))
    article = page.locator("article", has=page.locator("#candidate-microneedling"))

    article.locator("summary").click()

    expect(article.locator(".risks")).to_be_visible()


def test_a_row_opens_from_the_keyboard(phone):
    summary = phone.locator("article", has=phone.locator("#candidate-microneedling")).locator(
        "summary"
    )
    summary.focus()

    phone.keyboard.press("Enter")

    expect(
        phone.locator("#candidate-microneedling").locator("xpath=ancestor::details")
    ).to_have_attribute("open", "")


def test_the_page_says_it_is_not_medical_advice_once_and_in_the_footer(phone):
    said = phone.get_by_text("not medical advice", exact=False)

    visible = [element for element in said.all() if element.is_visible()]
    assert len(visible) == 1
    expect(phone.locator("#notice-heading")).to_be_visible()
    expect(phone.locator(".notice-banner")).to_be_hidden()
    expect(phone.locator("footer")).to_contain_text("not a diagnosis or medical advice")


def test_the_notice_comes_right_after_the_treatments(phone):
    last_row = rows(phone).last.bounding_box()
    notice = phone.locator("#notice-heading").bounding_box()

    assert 0 < notice["y"] - (last_row["y"] + last_row["height"]) < PHONE["height"] / 4
