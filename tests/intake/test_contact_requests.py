"""From the results page a patient books a consultation (the clinic's booking address) or asks
to be contacted: the request is kept on the intake, the clinic's staff are told without health
details, the patient gets a confirmation, and marking the intake contacted, booked or closed
handles it and cancels the pending reminder at once."""

import pytest

from clinic.models import Clinic
from followups.models import FollowUp
from intake import workflow
from intake.models import ContactRequest
from tests.factories import REVIEWER, make_intake
from tests.intake.helpers import error_summary_text, result_url
from tests.intake.markup import parse
from tests.resurfacing.api_client import fresh_rate_limits
from tests.staff.helpers import admin_form_data, change_url, signed_in

pytestmark = pytest.mark.django_db

REQUEST = {"phone": "+44 20 7946 0000", "preferred_time": "morning", "consent": "on"}


@pytest.fixture(autouse=True)
def clinic():
    clinic = Clinic.objects.get(pk=1)
    clinic.name = "Harley Skin"
    clinic.booking_url = "https://harley.example/book"
    clinic.staff_email = "desk@harley.example"
    clinic.email = "hello@harley.example"
    clinic.save()
    return clinic


@pytest.fixture
def intake():
    return make_intake(
        name="Ada",
        email="ada@example.com",
        health_yes=["cold_sore_history"],
        concerns=["acne_scars"],
    )


def contact_url(intake):
    return result_url(intake) + "contact/"


def test_the_results_page_offers_to_book_at_the_clinics_booking_address(client, intake):
    page = parse(client.get(result_url(intake)))
    book = next(a for a in page.find_all("a") if "Book a consultation" in a.text)
    assert book.get("href") == "https://harley.example/book"


def test_without_a_booking_address_the_page_offers_no_booking_link(client, intake, clinic):
    clinic.booking_url = ""
    clinic.save()
    links = parse(client.get(result_url(intake))).find_all("a")
    assert not [a for a in links if "Book a consultation" in a.text]


def test_the_results_page_leads_to_the_contact_form_and_it_works(client, intake):
    results = parse(client.get(result_url(intake)))
    [link] = [a for a in results.find_all("a") if a.text == "Ask the clinic to contact me"]
    form = parse(client.get(link.get("href"))).find("form", class_="contact-form")
    token = form.find("input", name="csrfmiddlewaretoken").get("value")
    response = client.post(form.get("action"), {**REQUEST, "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "will contact you" in parse(response).find("h1").text


def test_a_request_is_kept_on_the_intake(client, intake):
    client.post(contact_url(intake), {**REQUEST, "message": "Evenings are hard."})
    [request] = ContactRequest.objects.filter(intake=intake)
    assert (request.phone, request.preferred_time, request.message) == (
        "+44 20 7946 0000",
        "morning",
        "Evenings are hard.",
    )
    assert request.consent_given_at is not None


def test_the_clinics_staff_are_told_without_health_details(
    client, intake, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(contact_url(intake), REQUEST)
    [notice] = [m for m in mailoutbox if m.to == ["desk@harley.example"]]
    assert f"/admin/intake/intake/{intake.pk}/change/" in notice.body
    for detail in ("Ada", "ada@example.com", "+44", "cold", "acne", "scar"):
        assert detail.lower() not in (notice.subject + notice.body).lower()


def test_the_patient_gets_a_confirmation_when_they_gave_an_address(
    client, intake, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(contact_url(intake), {**REQUEST, "email": "ada@example.com"})
    [confirmation] = [m for m in mailoutbox if m.to == ["ada@example.com"]]
    assert "Harley Skin" in confirmation.subject
    assert "https://harley.example/book" in confirmation.body


def test_the_confirmation_says_how_to_write_to_the_clinic(
    client, intake, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(contact_url(intake), {**REQUEST, "email": "ada@example.com"})
    [confirmation] = [m for m in mailoutbox if m.to == ["ada@example.com"]]
    for part in (confirmation.body, confirmation.alternatives[0][0]):
        assert "hello@harley.example" in part


def test_without_a_phone_or_an_address_the_form_says_so_and_keeps_the_message(client, intake):
    response = client.post(
        contact_url(intake),
        {"email": "", "preferred_time": "any", "message": "Call me", "consent": "on"},
    )
    assert response.status_code == 200
    assert "phone number or an email address" in error_summary_text(response)
    assert "Call me" in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_a_message_over_500_characters_is_refused_with_a_clear_error(client, intake):
    response = client.post(contact_url(intake), {**REQUEST, "message": "x" * 501})
    assert "at most 500 characters" in error_summary_text(response)
    assert not ContactRequest.objects.exists()


def test_without_consent_to_be_contacted_nothing_is_kept(client, intake):
    response = client.post(contact_url(intake), {**REQUEST, "consent": ""})
    assert "agreement" in error_summary_text(response)
    assert not ContactRequest.objects.exists()


def test_requests_over_the_rate_get_429(client, intake, settings, monkeypatch):
    settings.INTAKE_CONTACT_RATE = "2/h"
    with fresh_rate_limits(monkeypatch):
        statuses = [client.post(contact_url(intake), REQUEST).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_an_erased_intake_takes_no_request(client, intake):
    intake.erase()
    assert client.post(contact_url(intake), REQUEST).status_code == 404


def test_marking_the_intake_booked_cancels_its_reminder_and_handles_the_request_at_once(
    client, intake
):
    client.post(contact_url(intake), REQUEST)
    reviewer = signed_in(client, REVIEWER)
    page = reviewer.get(change_url(intake))
    reviewer.post(change_url(intake), admin_form_data(page, status=workflow.BOOKED))

    assert intake.followups.get(kind=FollowUp.REMINDER).status == FollowUp.CANCELLED
    assert ContactRequest.objects.get(intake=intake).handled_at is not None


def test_the_staff_list_shows_who_asks_to_be_contacted_and_filters_them(client, intake):
    make_intake(name="Bea", email="bea@example.com")
    client.post(contact_url(intake), REQUEST)
    reviewer = signed_in(client, REVIEWER)
    page = reviewer.get("/admin/intake/intake/").content.decode()
    assert "Asks to be contacted" in page and "ada@example.com" in page
    filtered = reviewer.get("/admin/intake/intake/?contact_request=open").content.decode()
    assert "ada@example.com" in filtered and "bea@example.com" not in filtered


def test_the_staff_list_hides_erased_intakes_unless_asked(client, intake):
    make_intake(name="Bea", email="bea@example.com").erase()
    reviewer = signed_in(client, REVIEWER)
    listed = parse(reviewer.get("/admin/intake/intake/")).by_id("result_list").text
    assert "ada@example.com" in listed and "Erased" not in listed
    erased = parse(reviewer.get("/admin/intake/intake/?erased=yes")).by_id("result_list").text
    assert "Erased" in erased and "ada@example.com" not in erased


def test_the_admin_home_shows_the_reviewers_day(client, intake):
    client.post(contact_url(intake), REQUEST)
    dashboard = parse(signed_in(client, REVIEWER).get("/admin/")).by_id("intake-dashboard").text
    assert "1 new today" in dashboard
    assert "1 open contact request" in dashboard
