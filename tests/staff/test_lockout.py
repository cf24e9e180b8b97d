"""Brute force on the admin's sign-in (django-axes): repeated failures lock the account on that
address, even for the right password, and the sign-in page says so."""

import pytest
from axes.models import AccessAttempt

from tests.factories import REVIEWER, make_staff_user
from tests.staff.helpers import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def fail(client, times):
    return [sign_in(client, "rita", "wrong guess").status_code for _ in range(times)]


def test_the_right_password_signs_a_reviewer_in(client, reviewer):
    response = sign_in(client, "rita", PASSWORD)

    assert response.status_code == 302
    assert response.url == "/admin/"


def test_failures_below_the_limit_only_refuse_the_password(client, reviewer, settings):
    statuses = fail(client, settings.AXES_FAILURE_LIMIT - 1)

    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client, "rita", PASSWORD).status_code == 302


def test_the_limit_of_failures_locks_the_account_even_for_the_right_password(
    client, reviewer, settings
):
    fail(client, settings.AXES_FAILURE_LIMIT)

    response = sign_in(client, "rita", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_locked_out_sign_in_shows_the_lockout_page(client, reviewer, settings):
    fail(client, settings.AXES_FAILURE_LIMIT)

    response = sign_in(client, "rita", PASSWORD)

    assert "staff/locked_out.html" in [template.name for template in response.templates]
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_the_lockout_is_per_account_another_account_still_signs_in(client, reviewer, settings):
    make_staff_user(REVIEWER, username="rob", password=PASSWORD)
    fail(client, settings.AXES_FAILURE_LIMIT)

    assert sign_in(client, "rob", PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_the_earlier_failures(client, reviewer, settings):
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    sign_in(client, "rita", PASSWORD)
    client.logout()

    fail(client, settings.AXES_FAILURE_LIMIT - 1)

    assert sign_in(client, "rita", PASSWORD).status_code == 302


def test_failures_are_recorded_without_the_password(client, reviewer, settings):
    fail(client, 2)

    attempt = AccessAttempt.objects.get(username="rita")
    assert attempt.failures_since_start == 2
    assert "wrong guess" not in attempt.post_data
