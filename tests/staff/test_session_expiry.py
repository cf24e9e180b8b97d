"""Staff sessions end after STAFF_IDLE_TIMEOUT idle seconds and STAFF_SESSION_MAX_AGE in all;
the next admin request then goes to the sign-in page."""

import pytest
from django.urls import reverse

from staff.middleware import LOGIN_AT, SEEN_AT
from tests.factories import REVIEWER, make_staff_user
from tests.staff.helpers import LOGIN_URL

pytestmark = pytest.mark.django_db

INDEX = "/admin/"


@pytest.fixture
def client_of_a_reviewer(client):
    client.force_login(make_staff_user(REVIEWER))
    return client


def move_back(client, key, seconds):
    """Pretend that the session's `key` time was `seconds` earlier."""
    session = client.session
    session[key] -= seconds
    session.save()


def is_sent_to_sign_in(response):
    return response.status_code == 302 and response.url.startswith(LOGIN_URL)


def test_a_fresh_staff_session_reaches_the_admin(client_of_a_reviewer):
    assert client_of_a_reviewer.get(INDEX).status_code == 200


def test_signing_in_records_the_sign_in_time(client_of_a_reviewer):
    session = client_of_a_reviewer.session

    assert session[LOGIN_AT] == session[SEEN_AT]


def test_a_session_idle_for_longer_than_the_timeout_ends(client_of_a_reviewer, settings):
    move_back(client_of_a_reviewer, SEEN_AT, settings.STAFF_IDLE_TIMEOUT + 1)

    assert is_sent_to_sign_in(client_of_a_reviewer.get(INDEX))


def test_an_ended_session_stays_ended(client_of_a_reviewer, settings):
    move_back(client_of_a_reviewer, SEEN_AT, settings.STAFF_IDLE_TIMEOUT + 1)
    client_of_a_reviewer.get(INDEX)

    assert is_sent_to_sign_in(client_of_a_reviewer.get(INDEX))
    assert "_auth_user_id" not in client_of_a_reviewer.session


def test_a_session_idle_for_just_under_the_timeout_goes_on(client_of_a_reviewer, settings):
    move_back(client_of_a_reviewer, SEEN_AT, settings.STAFF_IDLE_TIMEOUT - 5)

    assert client_of_a_reviewer.get(INDEX).status_code == 200


def test_each_request_restarts_the_idle_clock(client_of_a_reviewer, settings):
    move_back(client_of_a_reviewer, SEEN_AT, settings.STAFF_IDLE_TIMEOUT - 5)
    client_of_a_reviewer.get(INDEX)
    move_back(client_of_a_reviewer, SEEN_AT, settings.STAFF_IDLE_TIMEOUT - 5)

    assert client_of_a_reviewer.get(INDEX).status_code == 200


def test_a_busy_session_ends_after_the_maximum_age(client_of_a_reviewer, settings):
    move_back(client_of_a_reviewer, LOGIN_AT, settings.STAFF_SESSION_MAX_AGE + 1)

    assert is_sent_to_sign_in(client_of_a_reviewer.get(INDEX))


def test_a_session_just_under_the_maximum_age_goes_on(client_of_a_reviewer, settings):
    move_back(client_of_a_reviewer, LOGIN_AT, settings.STAFF_SESSION_MAX_AGE - 5)

    assert client_of_a_reviewer.get(INDEX).status_code == 200


def test_the_limits_are_fifteen_minutes_idle_and_ten_hours_in_all(settings):
    assert (settings.STAFF_IDLE_TIMEOUT, settings.STAFF_SESSION_MAX_AGE) == (15 * 60, 10 * 60 * 60)


def test_the_timeout_follows_the_setting(client_of_a_reviewer, settings):
    settings.STAFF_IDLE_TIMEOUT = 60
    move_back(client_of_a_reviewer, SEEN_AT, 61)

    assert is_sent_to_sign_in(client_of_a_reviewer.get(reverse("admin:intake_intake_changelist")))
