"""An event coming up, in Chromium on a phone: the patient picks its date on the recovery step,
and the review and the results say that it shortened the recovery time accepted."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.intake.conftest import PHONE
from tests.intake.helpers import REVIEW_URL, step_url
from tests.intake.test_browser import (
    answer_contact,
    answer_health,
    click_label,
    confirm_review,
    open_at,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restored_database"),
]


def test_a_phone_user_with_an_event_in_12_days_is_told_what_it_changed(
    open_page, client, live_server, screenshot
):
    event = timezone.localdate() + timedelta(days=12)
    page = open_page(PHONE)
    open_at(page, "recovery", client, live_server)

    click_label(page, "Up to 2 weeks")
    page.locator("#id_event_date").fill(event.isoformat())
    page.get_by_role("button", name="Next").click()
    expect(page).to_have_url(re.compile(re.escape(step_url("health")) + "$"))
    answer_health(page, "cold_sore_history")
    answer_contact(page)
    expect(page).to_have_url(re.compile(re.escape(REVIEW_URL) + "$"))
    said = f"Because your event is on {event:%-d %B %Y}"
    expect(page.locator(".event-note")).to_contain_text(said)
    confirm_review(page)
    screenshot(page, "results-with-event-phone")

    note = page.locator(".event-note")
    expect(note).to_contain_text(said)
    expect(note).to_contain_text("fits in the 5 days before it")
    expect(note).to_be_in_viewport()
