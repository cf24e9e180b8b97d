"""`python manage.py send_due_followups` runs the sweep by hand."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import followup_of, make_due, make_intake

pytestmark = pytest.mark.django_db


def run():
    out = StringIO()
    call_command("send_due_followups", stdout=out)
    return out.getvalue()


def test_the_command_sends_every_due_followup_and_says_how_many(mailoutbox):
    make_intake()
    make_intake(email="grace@example.com")
    assert run() == "Follow-ups sent: 2, to retry: 0, failed: 0, cancelled: 0.\n"
    assert len(mailoutbox) == 2


def test_the_command_sends_nothing_twice(mailoutbox):
    make_intake()
    run()
    assert "sent: 0" in run()
    assert len(mailoutbox) == 1


def test_the_command_reports_failed_and_cancelled_followups(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.followups.mailbackends.RefusingBackend"
    settings.FOLLOWUP_MAX_ATTEMPTS = 1
    make_intake()
    opted_out = make_intake(email="grace@example.com")
    opted_out.followup_opt_in = False
    opted_out.save()
    reminder = followup_of(opted_out, "reminder")
    make_due(reminder, at=timezone.now() - timedelta(seconds=1))
    assert run() == "Follow-ups sent: 0, to retry: 0, failed: 1, cancelled: 2.\n"
