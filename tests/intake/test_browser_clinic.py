"""The clinic's own product, end to end in Chromium: an administrator sets the clinic's name,
logo, currency, booking address and postal address; a patient completes the questionnaire and
sees the clinic and euro fees written for its locale, prints the summary, follows the booking
link and asks to be called; the summary e-mail (over SMTP) carries the clinic; a reviewer sees
the request, marks the intake booked, and its reminder is cancelled at once. Another patient
sees results without saving, and nothing of them is stored."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image
from playwright.sync_api import expect

from followups.models import FollowUp
from intake.models import ContactRequest, Intake
from tests.factories import REVIEWER, SUPERUSER, make_staff_user
from tests.intake.conftest import DESKTOP, PHONE
from tests.intake.helpers import REVIEW_URL, step_url
from tests.intake.test_browser import (
    RESULTS_URL,
    answer_concerns,
    answer_health,
    answer_recovery,
    answer_skin_type_stated,
    click_label,
    go_on,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restored_database"),
]

BOOKING = "https://aurora.example/book"


def signed_in_page(open_page, live_server, role, viewport=DESKTOP):
    """A browser page signed in as a new account of `role` (the session cookie of a test client)."""
    client = Client()
    client.force_login(make_staff_user(role))
    page = open_page(viewport)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    name = settings.SESSION_COOKIE_NAME
    page.context.add_cookies([{"name": name, "value": cookie, "url": live_server.url}])
    return page


def logo_file(tmp_path):
    path = tmp_path / "logo.png"
    Image.new("RGB", (900, 300), "teal").save(path)
    return path


def set_up_the_clinic(page, live_server, tmp_path):
    page.goto(live_server.url + "/admin/clinic/clinic/")
    page.fill("#id_name", "Clínica Aurora")
    page.set_input_files("#id_logo", str(logo_file(tmp_path)))
    page.fill("#id_address", "Calle Mayor 1, 28013 Madrid")
    page.fill("#id_phone", "+34 910 000 000")
    page.fill("#id_booking_url", BOOKING)
    page.fill("#id_currency", "EUR")
    page.fill("#id_locale", "es_ES")
    page.uncheck("#id_is_example")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")


def answer_up_to_the_review(page, live_server, email=None, storing=True):
    page.goto(live_server.url + step_url("concerns"))
    answer_concerns(page, "Acne scars", "Large pores")
    answer_skin_type_stated(page, "Type IV — olive or light brown, rarely burns, tans easily")
    answer_recovery(page, "Up to 1 week")
    answer_health(page, "cold_sore_history")
    click_label(page, "I am 18 or older.")
    if storing:
        page.locator("label[for=id_consent]").click()
    if email:
        page.get_by_label("Your email (optional)").fill(email)
        page.locator("label[for=id_followup_opt_in]").click()
    go_on(page, "Review my answers", REVIEW_URL)


def test_a_clinic_makes_the_app_its_own_from_setup_to_a_booked_patient(
    open_page, live_server, tmp_path, mail_server, settings
):
    admin = signed_in_page(open_page, live_server, SUPERUSER)
    set_up_the_clinic(admin, live_server, tmp_path)

    patient = open_page(PHONE)
    answer_up_to_the_review(patient, live_server, email="ana@example.com")
    patient.get_by_role("button", name="Save and see my results").click()
    expect(patient).to_have_url(RESULTS_URL)

    expect(patient.locator("header.site-header")).to_contain_text("Clínica Aurora")
    expect(patient.locator("header.site-header img.site-logo")).to_be_visible()
    candidate = patient.locator("li", has=patient.locator("#candidate-microneedling"))
    expect(candidate).to_contain_text("200 €")
    assert "$" not in patient.content() and "USD" not in patient.content()

    patient.emulate_media(media="print")
    expect(patient.get_by_text("Consultation summary · Clínica Aurora")).to_be_visible()
    patient.emulate_media(media="screen")

    book = patient.get_by_role("link", name="Book a consultation")
    expect(book).to_have_attribute("href", BOOKING)

    patient.get_by_role("link", name="Ask the clinic to contact me").click()
    patient.fill("#id_phone", "+34 600 000 000")
    patient.locator("label[for=id_consent]").click()
    patient.get_by_role("button", name="Ask the clinic to contact me").click()
    expect(patient.get_by_role("heading", level=1)).to_contain_text(
        "Clínica Aurora will contact you"
    )

    to_ana = [m for m in mail_server.delivered if "ana@example.com" in m["To"]]
    texts = [m.get_body(preferencelist=("plain",)).get_content() for m in to_ana]
    [text] = [text for text in texts if "/intake/results/" in text]  # the summary
    assert "Clínica Aurora" in text and "Calle Mayor 1, 28013 Madrid" in text

    intake = Intake.objects.get()
    reviewer = signed_in_page(open_page, live_server, REVIEWER)
    reviewer.goto(live_server.url + "/admin/intake/intake/?contact_request=open")
    expect(reviewer.locator("#result_list")).to_contain_text("Asks to be contacted")
    reviewer.goto(live_server.url + f"/admin/intake/intake/{intake.pk}/change/")
    expect(reviewer.locator("body")).to_contain_text("+34 600 000 000")
    reviewer.select_option("#id_status", "booked")
    reviewer.get_by_role("button", name="Save", exact=True).click()
    expect(reviewer.locator(".messagelist")).to_contain_text("was changed successfully")

    assert intake.followups.get(kind=FollowUp.REMINDER).status == FollowUp.CANCELLED
    assert ContactRequest.objects.get().handled_at is not None


def test_a_patient_sees_results_without_saving_and_nothing_of_them_is_stored(
    open_page, live_server
):
    patient = open_page(DESKTOP)
    answer_up_to_the_review(patient, live_server, storing=False)
    expect(patient.get_by_role("button", name="Save and see my results")).to_have_count(0)
    patient.get_by_role("button", name="See my results without saving").click()

    expect(patient.get_by_role("heading", level=1)).to_have_text("Your results")
    expect(patient.get_by_text("Nothing was saved")).to_be_visible()
    assert not re.search(r"/intake/results/", patient.url)
    with patient.expect_download() as download:
        patient.get_by_role("link", name="Download my answers and results (JSON)").click()
    assert b"microneedling" in Path(download.value.path()).read_bytes()
    assert Intake.objects.count() == 0 and FollowUp.objects.count() == 0
