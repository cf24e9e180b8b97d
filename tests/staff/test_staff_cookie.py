"""A staff member's session cookie lives no longer than the staff session may."""

import pytest

from tests.factories import REVIEWER, make_staff_user
from tests.staff.helpers import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def test_the_session_cookie_of_a_staff_sign_in_expires_with_the_staff_session(client, settings):
    settings.STAFF_SESSION_MAX_AGE = 3600
    make_staff_user(REVIEWER, username="rita", password=PASSWORD)
    response = sign_in(client, "rita", PASSWORD)
    assert response.status_code == 302
    assert response.cookies["sessionid"]["max-age"] == 3600
