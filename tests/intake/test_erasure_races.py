"""An erasure is never undone: a reviewer saving a status while the patient deletes their data
writes only the status, and an erased intake can no longer be changed. A patient's own erasure
is in the audit log, as a staff erasure is."""

import pytest

from intake.models import Intake
from staff.models import AuditEvent
from tests.factories import REVIEWER, make_intake
from tests.intake.helpers import result_url
from tests.staff.helpers import admin_form_data, change_url, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(client):
    return signed_in(client, REVIEWER)


def test_a_status_saved_after_the_patient_erased_meanwhile_restores_nothing(reviewer):
    intake = make_intake()
    form = admin_form_data(reviewer.get(change_url(intake)), status="in_review")
    Intake.objects.get(pk=intake.pk).erase()  # the patient, while the reviewer's form is open

    response = reviewer.post(change_url(intake), form)

    assert response.status_code == 403
    erased = Intake.objects.get(pk=intake.pk)
    assert (erased.name, erased.email, erased.health, erased.concerns) == ("", "", {}, [])


def test_an_erased_intake_opens_read_only(reviewer):
    intake = make_intake()
    intake.erase()
    page = reviewer.get(change_url(intake)).content.decode()
    assert 'name="status"' not in page


def test_an_erasure_keeps_a_status_saved_in_between():
    intake = make_intake()
    stale = Intake.objects.get(pk=intake.pk)
    Intake.objects.filter(pk=intake.pk).update(status="in_review")

    stale.erase()

    assert Intake.objects.get(pk=intake.pk).status == "in_review"


def test_a_patients_own_erasure_is_in_the_audit_log_without_personal_data(client):
    intake = make_intake(name="Ada", email="ada@example.com")
    client.post(result_url(intake) + "delete/")
    [event] = AuditEvent.objects.filter(action=AuditEvent.ERASE, intake=intake)
    assert event.user is None
    assert "patient" in event.detail
    assert "Ada" not in event.detail and "ada@" not in event.detail
