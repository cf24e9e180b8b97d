"""The reviewers' workflow in the intake's admin page: status, assignee and internal notes.

new → in review → contacted → closed (closing at any point, reopening a closed intake for
review); every change and note is recorded in the audit log with who, when and what.
"""

import pytest

from followups import sending
from followups.models import FollowUp
from intake import workflow
from intake.models import Intake, IntakeNote
from staff.models import AuditEvent
from tests.factories import NON_STAFF, REVIEWER, make_due, make_intake, make_staff_user
from tests.intake.markup import parse
from tests.staff.helpers import admin_form_data, change_url

pytestmark = pytest.mark.django_db

NEW, IN_REVIEW, CONTACTED, BOOKED, CLOSED = (
    workflow.NEW,
    workflow.IN_REVIEW,
    workflow.CONTACTED,
    workflow.BOOKED,
    workflow.CLOSED,
)


def save(client, intake, **changes):
    """Open the intake's page and save it with `changes`, as a reviewer does."""
    page = client.get(change_url(intake))
    return client.post(change_url(intake), admin_form_data(page, **changes))


def status_of(intake):
    return Intake.objects.values_list("status", flat=True).get(pk=intake.pk)


def changes_of(intake):
    return list(
        AuditEvent.objects.filter(intake=intake, action=AuditEvent.CHANGE)
        .order_by("id")
        .values_list("detail", flat=True)
    )


# --- Status transitions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (NEW, IN_REVIEW),
        (NEW, CONTACTED),
        (IN_REVIEW, CONTACTED),
        (IN_REVIEW, BOOKED),
        (CONTACTED, BOOKED),
        (BOOKED, CLOSED),
        (CONTACTED, CLOSED),
        (CLOSED, IN_REVIEW),
        (NEW, CLOSED),
        (IN_REVIEW, CLOSED),
    ],
)
def test_an_allowed_transition_is_saved(reviewer_client, before, after):
    intake = make_intake(status=before)

    response = save(reviewer_client, intake, status=after)

    assert response.status_code == 302
    assert status_of(intake) == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (IN_REVIEW, NEW),
        (CONTACTED, NEW),
        (BOOKED, CONTACTED),
        (CONTACTED, IN_REVIEW),
        (CLOSED, NEW),
        (CLOSED, CONTACTED),
    ],
)
def test_a_transition_outside_the_workflow_is_refused(reviewer_client, before, after):
    intake = make_intake(status=before)

    response = save(reviewer_client, intake, status=after)

    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert status_of(intake) == before
    assert changes_of(intake) == []


def test_the_status_menu_offers_only_the_allowed_next_statuses(reviewer_client):
    intake = make_intake(status=IN_REVIEW)

    page = reviewer_client.get(change_url(intake))

    offered = [value for value, _ in page.context["adminform"].form.fields["status"].choices]
    assert offered == [IN_REVIEW, CONTACTED, BOOKED, CLOSED]


def test_the_whole_workflow_can_be_walked_through(reviewer_client):
    intake = make_intake()

    for status in (IN_REVIEW, CONTACTED, CLOSED):
        save(reviewer_client, intake, status=status)

    assert status_of(intake) == CLOSED


def test_a_status_change_is_recorded_with_who_and_what(reviewer_client, reviewer):
    intake = make_intake()

    save(reviewer_client, intake, status=IN_REVIEW)

    event = AuditEvent.objects.get(intake=intake, action=AuditEvent.CHANGE)
    assert event.user == reviewer
    assert event.detail == "status: New → In review"
    assert event.at is not None


def test_saving_without_a_change_records_no_change(reviewer_client):
    intake = make_intake()

    save(reviewer_client, intake)

    assert changes_of(intake) == []


# --- Assignee ----------------------------------------------------------------------------------


def test_an_intake_can_be_assigned_to_a_reviewer(reviewer_client, reviewer):
    intake = make_intake()

    save(reviewer_client, intake, assignee=str(reviewer.pk))

    intake.refresh_from_db()
    assert intake.assignee == reviewer


def test_an_assignment_is_recorded(reviewer_client, reviewer):
    intake = make_intake()

    save(reviewer_client, intake, assignee=str(reviewer.pk))

    assert changes_of(intake) == ["assignee: rita"]


def test_a_status_and_assignee_change_together_are_one_record(reviewer_client, reviewer):
    intake = make_intake()

    save(reviewer_client, intake, status=IN_REVIEW, assignee=str(reviewer.pk))

    assert changes_of(intake) == ["status: New → In review; assignee: rita"]


def test_only_active_staff_can_be_assigned(reviewer_client):
    make_staff_user(NON_STAFF, username="patient-account")
    inactive = make_staff_user(REVIEWER, username="gone")
    inactive.is_active = False
    inactive.save()
    intake = make_intake()

    page = reviewer_client.get(change_url(intake))

    offered = {str(user) for user in page.context["adminform"].form.fields["assignee"].queryset}
    assert offered == {"rita"}


# --- Internal notes ----------------------------------------------------------------------------


def add_note(client, intake, text):
    page = client.get(change_url(intake))
    return client.post(change_url(intake), admin_form_data(page, **{"notes-0-text": text}))


def test_a_note_is_saved_with_its_author_and_time(reviewer_client, reviewer):
    intake = make_intake()

    response = add_note(reviewer_client, intake, "Called, left a voicemail.")

    assert response.status_code == 302
    note = IntakeNote.objects.get(intake=intake)
    assert (note.text, note.author) == ("Called, left a voicemail.", reviewer)
    assert note.created_at is not None


def test_adding_a_note_is_recorded_without_its_text(reviewer_client, reviewer):
    intake = make_intake()

    add_note(reviewer_client, intake, "Patient mentioned a new medicine.")

    event = AuditEvent.objects.get(intake=intake, action=AuditEvent.NOTE)
    assert event.user == reviewer
    assert "medicine" not in event.detail


def test_the_page_shows_notes_with_author_and_time(reviewer_client):
    intake = make_intake()
    add_note(reviewer_client, intake, "First call done.")

    page = reviewer_client.get(change_url(intake))

    text = page.content.decode()
    assert "First call done." in text
    assert "rita" in text


def test_a_saved_note_cannot_be_edited(reviewer_client):
    intake = make_intake()
    add_note(reviewer_client, intake, "Original text.")
    note = IntakeNote.objects.get(intake=intake)
    page = reviewer_client.get(change_url(intake))
    data = admin_form_data(page)
    data.update({"notes-0-id": str(note.pk), "notes-0-text": "Rewritten."})

    reviewer_client.post(change_url(intake), data)

    note.refresh_from_db()
    assert note.text == "Original text."


def test_a_saved_note_is_shown_read_only(reviewer_client):
    intake = make_intake()
    add_note(reviewer_client, intake, "Original text.")

    page = reviewer_client.get(change_url(intake))

    assert 'name="notes-0-text"' not in page.content.decode()


def test_a_saved_note_cannot_be_deleted(reviewer_client):
    intake = make_intake()
    add_note(reviewer_client, intake, "Keep me.")
    note = IntakeNote.objects.get(intake=intake)
    page = reviewer_client.get(change_url(intake))
    data = admin_form_data(page, **{"notes-0-DELETE": "on"})

    reviewer_client.post(change_url(intake), data)

    assert IntakeNote.objects.filter(pk=note.pk).exists()


def test_the_change_history_lists_changes_and_notes_with_who(reviewer_client):
    intake = make_intake()
    save(reviewer_client, intake, status=IN_REVIEW)
    add_note(reviewer_client, intake, "Called.")

    page = reviewer_client.get(change_url(intake))

    history = page.content.decode()
    assert "rita · changed: status: New → In review" in history
    assert "rita · added a note" in history


# --- Reminders stop once staff took over -------------------------------------------------------


def reminder_of(intake):
    # Loaded afresh with its intake, as the sender loads it.
    return FollowUp.objects.select_related("intake").get(intake=intake, kind=FollowUp.REMINDER)


@pytest.mark.parametrize("status", [CONTACTED, BOOKED, CLOSED])
def test_moving_the_intake_to_contacted_or_closed_cancels_its_reminder_at_once(
    reviewer_client, status
):
    intake = make_intake(status=IN_REVIEW)

    save(reviewer_client, intake, status=status)

    assert reminder_of(intake).status == FollowUp.CANCELLED


@pytest.mark.parametrize("status", [CONTACTED, BOOKED, CLOSED])
def test_a_cancelled_reminder_is_never_sent_even_once_due(reviewer_client, mailoutbox, status):
    intake = make_intake(status=IN_REVIEW)
    save(reviewer_client, intake, status=status)
    reminder = reminder_of(intake)
    make_due(reminder, at=reminder.created_at)

    assert sending.send(reminder.pk) is None  # nothing to claim
    assert mailoutbox == []


def test_a_reminder_stays_pending_while_the_intake_is_in_review(reviewer_client):
    intake = make_intake()

    save(reviewer_client, intake, status=IN_REVIEW)

    assert reminder_of(intake).status == FollowUp.PENDING


def test_a_notes_author_is_named_without_a_link_to_their_account(reviewer_client):
    intake = make_intake()
    add_note(reviewer_client, intake, "Called.")

    page = parse(reviewer_client.get(change_url(intake)))

    assert not [url for url in page.urls() if url.startswith("/admin/auth/")]
