"""Checkboxes and radio buttons stand out from the page: their border, which is all that shows an
unticked control, has at least 3:1 contrast against what is behind it (WCAG 2.2, 1.4.11
non-text contrast), as Chromium draws the questionnaire's steps."""

import re

import pytest

from tests.intake.conftest import PHONE
from tests.intake.test_browser import open_at

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restored_database"),
]

NON_TEXT_CONTRAST = 3.0

# The colour an element is drawn on: its own background or, if transparent, its nearest
# ancestor's (the page's white canvas at the end).
BACKDROP = """element => {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (!/^rgba\\(.*, 0\\)$|^transparent$/.test(colour)) return colour;
  }
  return "rgb(255, 255, 255)";
}"""


def rgb(css_colour):
    red, green, blue = (int(part) for part in re.findall(r"\d+", css_colour)[:3])
    return red, green, blue


def relative_luminance(colour):
    """WCAG 2.2's relative luminance of an sRGB colour (0 to 255 a channel)."""

    def linear(channel):
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_ratio_is_wcags():
    # WCAG's own reference points: black on white is 21:1, and #767676 on white 4.54:1.
    assert round(contrast((0, 0, 0), (255, 255, 255)), 2) == 21
    assert round(contrast((0x76, 0x76, 0x76), (255, 255, 255)), 2) == 4.54


@pytest.mark.parametrize(("where", "kind"), [("concerns", "checkbox"), ("recovery", "radio")])
def test_an_unticked_control_has_3_to_1_contrast_against_the_page(
    open_page, client, live_server, where, kind
):
    page = open_page(PHONE)
    open_at(page, where, client, live_server)
    control = page.locator(f"input.form-check-input[type={kind}]").first

    border = control.evaluate("element => getComputedStyle(element).borderTopColor")
    backdrop = control.evaluate(BACKDROP)

    ratio = contrast(rgb(border), rgb(backdrop))
    assert ratio >= NON_TEXT_CONTRAST, f"{kind} border {border} on {backdrop}: {ratio:.2f}:1"
