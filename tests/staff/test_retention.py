"""Retention: intakes are anonymised INTAKE_RETENTION_DAYS after submission (default 365),
closed ones after CLOSED_INTAKE_RETENTION_DAYS, by a daily task or the anonymise_intakes
command; each anonymisation is recorded in the audit log."""

from io import StringIO

import pytest
from django.core.management import call_command

from intake import retention, tasks, workflow
from intake.models import Intake
from staff.models import AuditEvent
from tests.factories import make_intake

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def retention_periods(settings):
    settings.INTAKE_RETENTION_DAYS = 365
    settings.CLOSED_INTAKE_RETENTION_DAYS = 90


def is_anonymised(intake):
    return Intake.objects.get(pk=intake.pk).is_erased


def run_command():
    out = StringIO()
    call_command("anonymise_intakes", stdout=out)
    return out.getvalue()


def test_an_intake_older_than_the_retention_period_is_anonymised():
    old = make_intake(days_ago=366)

    retention.anonymise_expired()

    gone = Intake.objects.get(pk=old.pk)
    assert gone.is_erased
    assert (gone.name, gone.email, gone.health, gone.concerns) == ("", "", {}, [])


def test_an_intake_within_the_retention_period_is_kept():
    recent = make_intake(days_ago=364)

    retention.anonymise_expired()

    assert not is_anonymised(recent)


def test_a_closed_intake_is_anonymised_sooner():
    closed = make_intake(days_ago=91, status=workflow.CLOSED)

    retention.anonymise_expired()

    assert is_anonymised(closed)


@pytest.mark.parametrize("status", [workflow.NEW, workflow.IN_REVIEW, workflow.CONTACTED])
def test_an_open_intake_of_the_same_age_is_kept(status):
    open_intake = make_intake(days_ago=91, status=status)

    retention.anonymise_expired()

    assert not is_anonymised(open_intake)


def test_a_recently_closed_intake_is_kept():
    closed = make_intake(days_ago=89, status=workflow.CLOSED)

    retention.anonymise_expired()

    assert not is_anonymised(closed)


def test_the_periods_follow_the_settings(settings):
    settings.INTAKE_RETENTION_DAYS = 30
    settings.CLOSED_INTAKE_RETENTION_DAYS = 7
    month_old = make_intake(days_ago=31)
    closed_week_old = make_intake(days_ago=8, status=workflow.CLOSED)
    kept = make_intake(days_ago=8)

    retention.anonymise_expired()

    assert (is_anonymised(month_old), is_anonymised(closed_week_old)) == (True, True)
    assert not is_anonymised(kept)


def test_anonymisation_cancels_pending_followups():
    old = make_intake(days_ago=400)

    retention.anonymise_expired()

    assert set(old.followups.values_list("status", flat=True)) == {"cancelled"}


def test_each_anonymisation_is_recorded_as_done_by_the_system():
    old = make_intake(days_ago=400)

    retention.anonymise_expired()

    event = AuditEvent.objects.get(action=AuditEvent.ANONYMISE)
    assert (event.intake, event.user) == (old, None)
    assert event.detail == "retention period ended"


def test_an_already_erased_intake_is_not_anonymised_again():
    old = make_intake(days_ago=400)
    old.erase()

    assert retention.anonymise_expired() == 0
    assert not AuditEvent.objects.filter(action=AuditEvent.ANONYMISE).exists()


def test_the_command_says_how_many_intakes_it_anonymised():
    make_intake(days_ago=400)
    make_intake(days_ago=100, status=workflow.CLOSED)
    make_intake()

    assert run_command() == "Anonymised 2 intakes.\n"


def test_the_command_says_so_when_there_was_nothing_to_do():
    make_intake()

    assert run_command() == "Anonymised 0 intakes.\n"


def test_the_command_counts_one_intake_in_the_singular():
    make_intake(days_ago=400)

    assert run_command() == "Anonymised 1 intake.\n"


def test_the_periodic_task_anonymises_expired_intakes():
    old = make_intake(days_ago=400)

    # apply(): run as a worker runs it, without a broker (delay() needs a producer pool).
    assert tasks.anonymise_expired_intakes.apply().get() == 1
    assert is_anonymised(old)


def test_the_task_runs_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["anonymise-expired-intakes"]

    assert entry["task"] == "intake.tasks.anonymise_expired_intakes"
    assert entry["schedule"] == 24 * 60 * 60
