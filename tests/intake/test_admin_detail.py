"""An intake's page for reviewers: the answers in plain language, the recommendation exactly as
the patient saw it, the follow-up e-mails with their state, and the patient's results page.
Every view of it is recorded in the audit log."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from followups.models import FollowUp
from intake.models import Intake
from staff.models import AuditEvent
from tests.factories import CONTENT_EDITOR, SUPERUSER, make_intake, make_staff_user
from tests.intake.markup import parse
from tests.staff.helpers import change_url
from treatments.models import Treatment

pytestmark = pytest.mark.django_db


def field_text(response, name):
    """The text of one read-only field of the admin page (its `field-<name>` row)."""
    row = parse(response).find("div", class_=f"field-{name}")
    assert row is not None, f"no field {name} on the page"
    return row.text


def test_the_page_shows_the_answers_in_plain_language(reviewer_client):
    intake = make_intake(concerns=["acne_scars", "large_pores"], health_yes=["cold_sore_history"])

    answers = field_text(reviewer_client.get(change_url(intake)), "answers_in_plain_language")

    assert "Acne scars, Large pores" in answers
    assert "Type II" in answers
    assert "stated by the patient" in answers
    assert "Up to 1 week" in answers or "up to 1 week" in answers.lower()
    assert "Have you ever had cold sores" in answers


def test_the_page_says_when_no_health_question_was_answered_yes(reviewer_client):
    intake = make_intake()

    answers = field_text(reviewer_client.get(change_url(intake)), "answers_in_plain_language")

    assert "“yes” None" in answers


def test_the_page_shows_the_contact_details_and_consent(reviewer_client):
    intake = make_intake()

    page = reviewer_client.get(change_url(intake))

    assert "Ada Lovelace · ada@example.com · opted in" in field_text(page, "contact")
    shown = field_text(page, "consent")
    assert intake.consent_storage.text in shown and intake.consent_health.text in shown
    assert f"version {intake.consent_storage.version}" in shown


def test_the_page_shows_the_recommendation_the_patient_saw(reviewer_client):
    intake = make_intake()

    snapshot = field_text(reviewer_client.get(change_url(intake)), "recommendation_snapshot")

    names = [c["name"] for c in intake.recommendation["candidates"]]
    assert names
    positions = [snapshot.index(name) for name in names]
    assert positions == sorted(positions), "candidates in the order the patient saw them"
    assert intake.recommendation["summary"] in snapshot
    for excluded in intake.recommendation["excluded"]:
        assert excluded["name"] in snapshot


def test_the_recommendation_shown_does_not_change_with_the_catalog(reviewer_client):
    intake = make_intake()
    microneedling = Treatment.objects.get(slug="microneedling")
    before = f"recovery {microneedling.downtime_min_days}–{microneedling.downtime_max_days} days"
    Treatment.objects.filter(pk=microneedling.pk).update(name="Renamed", downtime_max_days=9)

    snapshot = field_text(reviewer_client.get(change_url(intake)), "recommendation_snapshot")

    assert f"{microneedling.name} (score" in snapshot
    assert before in snapshot
    assert "Renamed" not in snapshot


def test_the_page_shows_cautions_as_the_patient_saw_them(reviewer_client):
    intake = make_intake(health_yes=["cold_sore_history"])
    caution = next(c for c in intake.recommendation["candidates"] if c["cautions"])["cautions"][0]

    snapshot = field_text(reviewer_client.get(change_url(intake)), "recommendation_snapshot")

    assert f"⚠ {caution['text']}" in snapshot


def test_the_page_shows_the_reasons_the_patient_saw(reviewer_client):
    intake = make_intake(health_yes=["pregnant_or_breastfeeding"])  # every treatment ruled out

    snapshot = field_text(reviewer_client.get(change_url(intake)), "recommendation_snapshot")

    for excluded in intake.recommendation["excluded"]:
        assert all(reason["text"] in snapshot for reason in excluded["reasons"])
    assert "{" not in snapshot  # the text of each reason, not the data behind it


def test_the_page_shows_a_recommendation_stored_with_plain_text_reasons(reviewer_client):
    # Intakes stored before reasons had codes and sources keep their reasons as plain text.
    intake = make_intake(health_yes=["cold_sore_history"])
    recommendation = intake.recommendation
    for entry in [*recommendation["candidates"], *recommendation["excluded"]]:
        entry["reasons"] = ["An older reason."]
        if "cautions" in entry:
            entry["cautions"] = ["An older caution."]
    Intake.objects.filter(pk=intake.pk).update(recommendation=recommendation)

    snapshot = field_text(reviewer_client.get(change_url(intake)), "recommendation_snapshot")

    assert "An older reason." in snapshot
    assert "⚠ An older caution." in snapshot
    assert f"{recommendation['excluded'][0]['name']}: An older reason." in snapshot


@pytest.mark.parametrize(
    ("status", "error", "shown"),
    [
        (FollowUp.PENDING, "", "Pending"),
        (FollowUp.SENT, "", "Sent"),
        (FollowUp.FAILED, "SMTPDataError: 451 Temporary failure", "Failed"),
        (FollowUp.CANCELLED, "", "Cancelled"),
    ],
)
def test_the_page_shows_each_followup_with_its_state(reviewer_client, status, error, shown):
    intake = make_intake()
    FollowUp.objects.filter(intake=intake, kind=FollowUp.REMINDER).update(
        status=status, last_error=error
    )

    followups = field_text(reviewer_client.get(change_url(intake)), "followup_list")

    assert f"Reminder to book a consultation {shown}" in followups
    if error:
        assert error in followups


def test_the_page_says_when_the_patient_did_not_opt_in(reviewer_client):
    intake = make_intake(followup_opt_in=False, email="")

    followups = field_text(reviewer_client.get(change_url(intake)), "followup_list")

    assert "did not opt in" in followups


def test_the_page_links_to_the_patients_results_page(reviewer_client):
    intake = make_intake()

    page = parse(reviewer_client.get(change_url(intake)))

    assert reverse("intake:result", args=[intake.token]) in page.urls()


def test_the_linked_results_page_is_the_one_the_patient_sees(reviewer_client):
    intake = make_intake()

    response = reviewer_client.get(reverse("intake:result", args=[intake.token]))

    assert response.status_code == 200
    assert escape(intake.recommendation["candidates"][0]["name"]) in response.content.decode()


def test_viewing_an_intake_is_recorded_with_who_and_which_intake(reviewer_client, reviewer):
    intake = make_intake()

    reviewer_client.get(change_url(intake))

    event = AuditEvent.objects.get(action=AuditEvent.VIEW)
    assert (event.user, event.intake) == (reviewer, intake)
    assert event.at is not None


def test_each_view_is_recorded(reviewer_client):
    intake = make_intake()

    reviewer_client.get(change_url(intake))
    reviewer_client.get(change_url(intake))

    assert AuditEvent.objects.filter(action=AuditEvent.VIEW, intake=intake).count() == 2


def test_a_refused_view_is_not_recorded_as_a_view(client):
    client.force_login(make_staff_user(CONTENT_EDITOR))
    intake = make_intake()

    response = client.get(change_url(intake))

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditEvent.VIEW).exists()


def test_a_superusers_view_is_recorded_too(client):
    admin = make_staff_user(SUPERUSER)
    client.force_login(admin)
    intake = make_intake()

    client.get(change_url(intake))

    assert AuditEvent.objects.get(action=AuditEvent.VIEW).user == admin


def test_the_page_of_an_erased_intake_shows_no_answers(reviewer_client):
    intake = make_intake()
    intake.erase()

    page = reviewer_client.get(change_url(intake))

    assert field_text(page, "answers_in_plain_language").endswith("Erased")
    assert field_text(page, "recommendation_snapshot").endswith("Erased")
    assert "Ada" not in page.content.decode()
