"""Two-factor sign-in (django-otp TOTP) at the admin's sign-in page.

An account with a confirmed authenticator always gives a code; with STAFF_REQUIRE_2FA on,
every staff account must have one, and one without cannot use the admin at all.
"""

import pytest
from django.urls import reverse

from tests.factories import REVIEWER, make_staff_user
from tests.staff.helpers import LOGIN_URL, PASSWORD, authenticator, code, sign_in, wrong_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(settings):
    settings.STAFF_REQUIRE_2FA = True


@pytest.fixture
def optional(settings):
    settings.STAFF_REQUIRE_2FA = False


def can_use_the_admin(client):
    return client.get(reverse("admin:index")).status_code == 200


def test_with_2fa_required_a_password_alone_does_not_sign_in(client, required, reviewer):
    response = sign_in(client, "rita", PASSWORD)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not can_use_the_admin(client)


def test_with_2fa_required_an_account_signed_in_without_a_code_cannot_use_the_admin(
    client, required, reviewer
):
    client.force_login(reviewer)  # e.g. a session from before 2FA was required

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


def test_with_2fa_required_an_unconfirmed_authenticator_is_not_enough(client, required, reviewer):
    device = authenticator(reviewer, confirmed=False)

    response = sign_in(
        client, "rita", PASSWORD, otp_device=device.persistent_id, otp_token=code(device)
    )

    assert response.status_code == 200
    assert not can_use_the_admin(client)


def test_with_2fa_required_the_password_and_a_valid_code_sign_in(client, required, reviewer):
    device = authenticator(reviewer)

    response = sign_in(
        client, "rita", PASSWORD, otp_device=device.persistent_id, otp_token=code(device)
    )

    assert response.status_code == 302
    assert can_use_the_admin(client)


def test_a_single_authenticator_is_used_without_choosing_it(client, required, reviewer):
    device = authenticator(reviewer)

    response = sign_in(client, "rita", PASSWORD, otp_token=code(device))

    assert response.status_code == 302
    assert can_use_the_admin(client)


def test_a_wrong_code_is_refused(client, required, reviewer):
    device = authenticator(reviewer)

    response = sign_in(
        client, "rita", PASSWORD, otp_device=device.persistent_id, otp_token=wrong_code(device)
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not can_use_the_admin(client)


def test_a_code_of_another_accounts_authenticator_is_refused(client, required, reviewer):
    other = authenticator(make_staff_user(REVIEWER))
    authenticator(reviewer)

    response = sign_in(
        client, "rita", PASSWORD, otp_device=other.persistent_id, otp_token=code(other)
    )

    assert response.status_code == 200
    assert not can_use_the_admin(client)


def test_with_2fa_optional_an_account_without_authenticator_signs_in_with_its_password(
    client, optional, reviewer
):
    response = sign_in(client, "rita", PASSWORD)

    assert response.status_code == 302
    assert can_use_the_admin(client)


def test_with_2fa_optional_an_account_with_an_authenticator_still_needs_its_code(
    client, optional, reviewer
):
    authenticator(reviewer)

    response = sign_in(client, "rita", PASSWORD)

    assert response.status_code == 200
    assert not can_use_the_admin(client)


def test_with_2fa_optional_an_account_with_an_authenticator_signs_in_with_its_code(
    client, optional, reviewer
):
    device = authenticator(reviewer)

    response = sign_in(client, "rita", PASSWORD, otp_token=code(device))

    assert response.status_code == 302
    assert can_use_the_admin(client)


def test_with_2fa_optional_a_wrong_code_is_refused(client, optional, reviewer):
    device = authenticator(reviewer)

    response = sign_in(client, "rita", PASSWORD, otp_token=wrong_code(device))

    assert response.status_code == 200
    assert not can_use_the_admin(client)


def test_a_code_is_accepted_once_only(client, required, reviewer):
    device = authenticator(reviewer)
    token = code(device)
    sign_in(client, "rita", PASSWORD, otp_token=token)
    client.logout()

    response = sign_in(client, "rita", PASSWORD, otp_token=token)

    assert response.status_code == 200
    assert not can_use_the_admin(client)


def test_the_sign_in_page_asks_for_the_authenticator_code(client, reviewer):
    response = client.get(LOGIN_URL)

    assert 'name="otp_token"' in response.content.decode()


def test_the_code_helper_matches_the_device(reviewer):
    device = authenticator(reviewer)

    assert device.verify_token(code(device))


def test_a_missing_code_is_asked_for_in_plain_words(client, required, reviewer):
    authenticator(reviewer)

    response = sign_in(client, "rita", PASSWORD)

    assert "Enter the code from your authenticator app." in response.content.decode()
