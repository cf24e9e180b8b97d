"""The audit log: every staff view of an intake, export and change, with who, when, which
intake and what. Superusers read it; nobody can change or delete it."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from staff.models import AuditEvent, record
from tests.factories import REVIEWER, SUPERUSER, make_intake, make_staff_user
from tests.intake.markup import parse
from tests.staff.helpers import admin_form_data

pytestmark = pytest.mark.django_db

LOG_URL = reverse("admin:staff_auditevent_changelist")


def test_a_reviewers_work_leaves_a_trail_a_superuser_can_read(client):
    reviewer = make_staff_user(REVIEWER, username="rita")
    intake = make_intake()
    client.force_login(reviewer)
    change_url = reverse("admin:intake_intake_change", args=[intake.pk])
    page = client.get(change_url)
    client.post(change_url, admin_form_data(page, status="in_review", **{"notes-0-text": "Hi"}))
    b"".join(client.get(reverse("admin:intake_intake_export")).streaming_content)
    client.force_login(make_staff_user(SUPERUSER))

    response = client.get(LOG_URL)

    rows = [row.text for row in parse(response).find("table", id="result_list").find_all("tr")[1:]]
    assert len(rows) == 4
    assert all("rita" in row and str(intake) in row for row in rows)
    actions = [event.action for event in response.context["cl"].result_list]
    assert actions == [AuditEvent.EXPORT, AuditEvent.NOTE, AuditEvent.CHANGE, AuditEvent.VIEW]


def test_a_superuser_can_find_the_events_of_one_intake(client):
    one, other = make_intake(), make_intake()
    record(AuditEvent.VIEW, intake=one)
    record(AuditEvent.VIEW, intake=other)
    client.force_login(make_staff_user(SUPERUSER))

    response = client.get(LOG_URL, {"q": str(one.pk)})

    assert [event.intake for event in response.context["cl"].result_list] == [one]


def test_an_event_opens_read_only_for_a_superuser(client):
    event = record(AuditEvent.VIEW, intake=make_intake())
    client.force_login(make_staff_user(SUPERUSER))

    response = client.get(reverse("admin:staff_auditevent_change", args=[event.pk]))

    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert parse(response).find("input", type="submit") is None


def test_an_event_records_who_when_which_intake_and_what():
    reviewer = make_staff_user(REVIEWER)
    intake = make_intake()

    event = record(AuditEvent.CHANGE, reviewer, intake, "status: New → In review")

    event.refresh_from_db()
    assert (event.user, event.intake, event.detail) == (reviewer, intake, "status: New → In review")
    assert event.at is not None


def test_an_event_of_the_system_has_no_user():
    from django.contrib.auth.models import AnonymousUser

    assert record(AuditEvent.ANONYMISE, AnonymousUser()).user is None


def test_an_event_cannot_be_changed_once_written():
    event = record(AuditEvent.VIEW, detail="as it happened")
    event.detail = "rewritten"

    with pytest.raises(PermissionError):
        event.save()
    event.refresh_from_db()
    assert event.detail == "as it happened"


def test_an_event_cannot_be_deleted():
    event = record(AuditEvent.VIEW)

    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_an_intake_with_audit_events_cannot_be_deleted():
    intake = make_intake()
    record(AuditEvent.VIEW, intake=intake)

    with pytest.raises(ProtectedError):
        intake.delete()


def test_a_staff_account_with_audit_events_cannot_be_deleted():
    reviewer = make_staff_user(REVIEWER)
    record(AuditEvent.VIEW, reviewer)

    with pytest.raises(ProtectedError):
        reviewer.delete()
