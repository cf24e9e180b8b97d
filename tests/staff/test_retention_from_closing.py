"""A closed intake is kept CLOSED_INTAKE_RETENTION_DAYS from when staff closed it, not from
when the patient submitted it; closing it again later starts again."""

from datetime import timedelta

import pytest
from django.utils import timezone

from intake import retention, workflow
from intake.models import Intake
from tests.factories import REVIEWER, make_intake
from tests.staff.helpers import admin_form_data, change_url, signed_in

pytestmark = pytest.mark.django_db


def closed(days_ago, closed_days_ago):
    intake = make_intake(days_ago=days_ago, status=workflow.CLOSED)
    closed_at = timezone.now() - timedelta(days=closed_days_ago)
    Intake.objects.filter(pk=intake.pk).update(closed_at=closed_at)
    return intake


def is_erased(intake):
    return Intake.objects.get(pk=intake.pk).is_erased


def test_an_intake_submitted_long_ago_but_closed_recently_is_kept():
    intake = closed(days_ago=200, closed_days_ago=10)
    retention.anonymise_expired()
    assert not is_erased(intake)


def test_an_intake_closed_longer_ago_than_the_retention_is_anonymised():
    intake = closed(days_ago=200, closed_days_ago=91)
    retention.anonymise_expired()
    assert is_erased(intake)


def test_closing_an_intake_in_the_admin_records_when(client):
    reviewer = signed_in(client, REVIEWER)
    intake = make_intake(days_ago=200, status=workflow.IN_REVIEW)
    page = reviewer.get(change_url(intake))
    reviewer.post(change_url(intake), admin_form_data(page, status=workflow.CLOSED))
    closed_at = Intake.objects.get(pk=intake.pk).closed_at
    assert closed_at is not None and timezone.now() - closed_at < timedelta(minutes=1)
