"""The results page in Chromium with every treatment's details open: no serious accessibility
violation (axe-core), nothing wider than a phone, sources named for screen readers, and the
way on to each treatment's public page."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_intake
from tests.intake.conftest import DESKTOP, PHONE
from tests.intake.helpers import WORKED_EXAMPLE, answers, health_answers, result_url
from tests.intake.test_browser import has_no_sideways_scroll, serious_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restored_database"),
]

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
# Pregnancy rules out every treatment: the reason is said once, above them.
PREGNANT = answers(health=health_answers("cold_sore_history", "pregnant_or_breastfeeding"))
CASES = {"worked-example": WORKED_EXAMPLE, "every-treatment-ruled-out": PREGNANT}


def opened(open_page, live_server, intake, viewport):
    """The results page with every treatment opened, as a patient clicking each row."""
    page = open_page(viewport)
    page.goto(live_server.url + result_url(intake))
    for summary in page.locator(".candidate-summary").all():
        summary.click()
    expect(page.locator(".candidate-details:not([open])")).to_have_count(0)
    return page


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORTS)
@pytest.mark.parametrize("case", CASES, ids=CASES)
def test_the_opened_results_have_no_serious_accessibility_violations(
    open_page, live_server, screenshot, case, viewport
):
    page = opened(open_page, live_server, make_intake(steps=CASES[case]), VIEWPORTS[viewport])
    screenshot(page, f"results-opened-{case}-{viewport}")

    violations = serious_violations(page)

    assert violations == [], f"axe on {case} ({viewport}):\n" + "\n".join(violations)


def test_the_opened_results_fit_a_phone_without_sideways_scrolling(open_page, live_server):
    page = opened(open_page, live_server, make_intake(steps=WORKED_EXAMPLE), PHONE)

    assert has_no_sideways_scroll(page), page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


def test_a_screen_reader_hears_each_source_link_by_its_title(open_page, live_server):
    intake = make_intake(steps=WORKED_EXAMPLE)
    page = opened(open_page, live_server, intake, DESKTOP)
    cited = intake.recommendation["sources"]
    assert cited, "the seeded catalog cites its sources"

    links = page.get_by_role("link", name=re.compile(r"^Source( \d+)?: "))

    expect(links.first).to_be_visible()
    titles = {
        re.sub(r"^Source( \d+)?: ", "", name)
        for name in links.evaluate_all(
            "links => links.map(link => link.getAttribute('aria-label'))"
        )
    }
    assert titles <= {source["title"] for source in cited.values()}


def test_a_treatment_leads_on_to_its_public_page(open_page, live_server):
    page = opened(open_page, live_server, make_intake(steps=WORKED_EXAMPLE), PHONE)

    page.get_by_role("link", name="More about Microneedling (collagen induction therapy)").click()

    expect(page).to_have_url(re.compile(r"/treatments/microneedling/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Microneedling")
