"""Erasing an intake on the patient's request, from its admin page: a confirmation first; then
the personal data and health answers go, pending follow-ups are cancelled, notes are blanked,
the erasure is recorded with who and when, and the patient's results URL says it was erased."""

import pytest
from django.urls import reverse

from followups.models import FollowUp
from intake.models import Intake, IntakeNote
from staff.models import AuditEvent
from tests.factories import CONTENT_EDITOR, make_intake, make_staff_user
from tests.intake.markup import parse
from tests.staff.helpers import change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(reviewer):
    intake = make_intake(health_yes=["cold_sore_history"])
    IntakeNote.objects.create(intake=intake, author=reviewer, text="Ada prefers mornings.")
    return intake


def erase_url(intake):
    return reverse("admin:intake_intake_erase", args=[intake.pk])


def erased(intake):
    return Intake.objects.get(pk=intake.pk)


def test_the_intakes_page_links_to_the_erasure(reviewer_client, intake):
    page = parse(reviewer_client.get(change_url(intake)))

    assert erase_url(intake) in page.urls()


def test_the_erasure_asks_for_confirmation_first(reviewer_client, intake):
    response = reviewer_client.get(erase_url(intake))

    assert response.status_code == 200
    assert "cannot be undone" in response.content.decode()
    assert parse(response).find("form", method="post") is not None
    assert not erased(intake).is_erased


def test_confirming_removes_name_email_and_health_answers(reviewer_client, intake):
    reviewer_client.post(erase_url(intake))

    gone = erased(intake)
    assert gone.is_erased
    assert (gone.name, gone.email) == ("", "")
    assert gone.health == {}
    assert gone.concerns == []
    assert gone.fitzpatrick is None
    assert gone.recommendation == {}


def test_confirming_cancels_the_pending_followups(reviewer_client, intake):
    FollowUp.objects.filter(intake=intake, kind=FollowUp.SUMMARY).update(status=FollowUp.SENT)

    reviewer_client.post(erase_url(intake))

    states = dict(FollowUp.objects.filter(intake=intake).values_list("kind", "status"))
    assert states == {FollowUp.SUMMARY: FollowUp.SENT, FollowUp.REMINDER: FollowUp.CANCELLED}


def test_confirming_blanks_the_notes_but_keeps_that_they_existed(reviewer_client, intake):
    reviewer_client.post(erase_url(intake))

    assert list(IntakeNote.objects.filter(intake=intake).values_list("text", flat=True)) == [
        "[erased]"
    ]


def test_the_erasure_is_recorded_with_who_and_when(reviewer_client, reviewer, intake):
    reviewer_client.post(erase_url(intake))

    event = AuditEvent.objects.get(action=AuditEvent.ERASE)
    assert (event.user, event.intake) == (reviewer, intake)
    assert event.at is not None
    assert "Ada" not in event.detail


def test_after_erasure_the_reviewer_is_back_on_the_intakes_page(reviewer_client, intake):
    response = reviewer_client.post(erase_url(intake), follow=True)

    assert response.redirect_chain[-1][0] == change_url(intake)
    assert "were erased" in response.content.decode()
    assert "Ada" not in response.content.decode()


def test_the_patients_results_url_then_says_the_record_was_erased(reviewer_client, intake):
    reviewer_client.post(erase_url(intake))

    response = reviewer_client.get(reverse("intake:result", args=[intake.token]))

    assert response.status_code == 200
    assert "intake/erased.html" in [t.name for t in response.templates]
    assert "Your answers were deleted" in response.content.decode()


def test_an_erased_intake_offers_no_second_erasure(reviewer_client, intake):
    reviewer_client.post(erase_url(intake))

    page = parse(reviewer_client.get(change_url(intake)))

    assert erase_url(intake) not in page.urls()


def test_erasing_twice_records_one_erasure(reviewer_client, intake):
    reviewer_client.post(erase_url(intake))
    reviewer_client.post(erase_url(intake))

    assert AuditEvent.objects.filter(action=AuditEvent.ERASE).count() == 1


def test_a_content_editor_cannot_erase(client, intake):
    client.force_login(make_staff_user(CONTENT_EDITOR))

    response = client.post(erase_url(intake))

    assert response.status_code == 403
    assert not erased(intake).is_erased


def test_an_anonymous_visitor_cannot_erase(client, intake):
    response = client.post(erase_url(intake))

    assert response.status_code == 302
    assert not erased(intake).is_erased


def test_the_erasure_needs_the_csrf_token(intake, reviewer):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reviewer)

    response = browser.post(erase_url(intake))

    assert response.status_code == 403
    assert not erased(intake).is_erased


def test_erasing_an_unknown_intake_is_not_found(reviewer_client):
    assert reviewer_client.get("/admin/intake/intake/999999/erase/").status_code == 404
