"""The public treatment pages in a real browser (Debian's Chromium, driven by Playwright): on a
phone the comparison table scrolls sideways on its own, by touch or keyboard, with the treatment
names kept in view, and axe-core finds nothing to fix on either page.

Fixtures as in tests/intake/test_browser.py (tests/intake/conftest.py, imported by
tests/treatments/conftest.py).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.intake.conftest import DESKTOP, PHONE

pytestmark = [
    pytest.mark.browser,
    # As tests/intake/test_browser.py: the flush after each test leaves the tables empty.
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restored_database"),
]

PAGES = {"index": "/treatments/", "detail": "/treatments/laser-ablative/"}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


def box(locator):
    return locator.bounding_box()


def the_page_scrolls_sideways(page):
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def test_on_a_phone_the_comparison_table_scrolls_on_its_own_and_keeps_the_names_in_view(
    open_page,
    live_server,
    screenshot,
):
    page = open_page(PHONE)
    page.goto(live_server.url + PAGES["index"])
    region = page.get_by_role("region", name="Every treatment, lightest first")
    table = region.get_by_role("table")
    expect(table.locator("caption")).to_be_visible()
    assert not the_page_scrolls_sideways(page)
    screenshot(page, "treatments-phone")

    # A keyboard user reaches the table and scrolls it with the arrow keys.
    for _ in range(60):
        page.keyboard.press("Tab")
        if region.evaluate("element => element === document.activeElement"):
            break
    expect(region).to_be_focused()
    for _ in range(40):
        page.keyboard.press("ArrowRight")
    screenshot(page, "treatments-phone-table-scrolled")

    last_header = table.get_by_role("columnheader", name="Helps most with")
    names = table.get_by_role("rowheader")
    assert region.evaluate("element => element.scrollLeft") > 0
    assert box(last_header)["x"] + box(last_header)["width"] <= PHONE["width"]
    # The treatments' names stay at the left edge, and the last column is not under them.
    for index in range(names.count()):
        name = box(names.nth(index))
        assert 0 <= name["x"] < 40
        assert name["x"] + name["width"] <= box(last_header)["x"]


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORTS)
@pytest.mark.parametrize("where", PAGES)
def test_the_treatment_pages_have_no_accessibility_violations(
    open_page,
    live_server,
    where,
    viewport,
):
    page = open_page(VIEWPORTS[viewport])
    page.goto(live_server.url + PAGES[where])
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    violations = Axe().run(page).response["violations"]

    assert violations == [], "\n".join(
        f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'])}"
        for v in violations
    )


def test_on_a_phone_a_treatment_page_fits_the_screen(
    open_page,
    live_server,
    screenshot,
):
    page = open_page(PHONE)
    page.goto(live_server.url + PAGES["detail"])

    expect(page.get_by_role("heading", name="Who should avoid it, and why")).to_be_visible()
    assert not the_page_scrolls_sideways(page)
    screenshot(page, "treatment-detail-phone")
