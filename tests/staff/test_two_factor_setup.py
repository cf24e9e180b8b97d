"""Staff set up two-factor sign-in themselves: scan a QR code (or type the key), confirm with a
code from the app; from then on every sign-in asks for a code."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import CONTENT_EDITOR, NON_STAFF
from tests.intake.markup import parse
from tests.staff.helpers import (
    ANONYMOUS,
    LOGIN_URL,
    PASSWORD,
    authenticator,
    code,
    sign_in,
    signed_in,
    wrong_code,
)

pytestmark = pytest.mark.django_db

SETUP_URL = reverse("admin:two_factor_setup")
QRCODE_URL = reverse("admin:two_factor_qrcode")


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def device_of(user):
    return TOTPDevice.objects.get(user=user)


def test_every_admin_page_links_to_the_set_up(reviewer_client):
    page = parse(reviewer_client.get(reverse("admin:index")))

    assert SETUP_URL in page.urls()


def test_the_set_up_shows_a_qr_code_and_the_key_of_a_new_authenticator(reviewer_client, reviewer):
    response = reviewer_client.get(SETUP_URL)

    assert response.status_code == 200
    device = device_of(reviewer)
    assert not device.confirmed
    assert QRCODE_URL in parse(response).urls()
    assert parse(response).by_id("totp-secret").text.replace(" ", "") == response.context[
        "secret"
    ].replace(" ", "")


def test_the_qr_code_is_an_image_of_the_authenticators_key(reviewer_client):
    reviewer_client.get(SETUP_URL)

    response = reviewer_client.get(QRCODE_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content


def test_opening_the_set_up_again_keeps_the_same_authenticator(reviewer_client, reviewer):
    first = reviewer_client.get(SETUP_URL).context["secret"]

    second = reviewer_client.get(SETUP_URL).context["secret"]

    assert first == second
    assert TOTPDevice.objects.filter(user=reviewer).count() == 1


def test_a_valid_code_turns_two_factor_sign_in_on(reviewer_client, reviewer):
    reviewer_client.get(SETUP_URL)

    response = reviewer_client.post(SETUP_URL, {"token": code(device_of(reviewer))})

    assert response.status_code == 302
    assert device_of(reviewer).confirmed
    assert reviewer_client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_code_leaves_it_off(reviewer_client, reviewer):
    reviewer_client.get(SETUP_URL)

    response = reviewer_client.post(SETUP_URL, {"token": wrong_code(device_of(reviewer))})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not device_of(reviewer).confirmed


def test_once_on_every_sign_in_asks_for_the_code(client, reviewer_client, reviewer):
    reviewer_client.get(SETUP_URL)
    reviewer_client.post(SETUP_URL, {"token": code(device_of(reviewer))})
    reviewer_client.logout()

    response = sign_in(client, "rita", PASSWORD)

    assert response.status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302


def test_an_unconfirmed_authenticator_does_not_change_the_sign_in(client, reviewer_client):
    reviewer_client.get(SETUP_URL)
    reviewer_client.logout()

    assert sign_in(client, "rita", PASSWORD).status_code == 302


def test_once_on_a_session_signed_in_without_the_code_must_sign_in_again(reviewer_client, reviewer):
    authenticator(reviewer)

    response = reviewer_client.get(SETUP_URL)

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


def test_once_on_and_signed_in_with_the_code_the_page_says_so(client, reviewer):
    sign_in(client, "rita", PASSWORD, otp_token=code(authenticator(reviewer)))

    response = client.get(SETUP_URL)

    assert response.context["is_on"]
    assert "secret" not in response.context
    assert client.get(QRCODE_URL).status_code == 404


@pytest.mark.parametrize("role", [ANONYMOUS, NON_STAFF])
def test_only_staff_can_set_it_up(client, role):
    signed_in(client, role)

    response = client.get(SETUP_URL)

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
    assert not TOTPDevice.objects.exists()


def test_a_content_editor_can_set_it_up_too(client):
    signed_in(client, CONTENT_EDITOR)

    assert client.get(SETUP_URL).status_code == 200


def test_right_after_a_wrong_code_even_the_right_one_must_wait(reviewer_client, reviewer):
    reviewer_client.get(SETUP_URL)
    reviewer_client.post(SETUP_URL, {"token": wrong_code(device_of(reviewer))})

    response = reviewer_client.post(SETUP_URL, {"token": code(device_of(reviewer))})

    assert "wait a moment" in str(response.context["form"].errors)
    assert not device_of(reviewer).confirmed


def test_after_the_wait_the_right_code_is_accepted(reviewer_client, reviewer):
    reviewer_client.get(SETUP_URL)
    reviewer_client.post(SETUP_URL, {"token": wrong_code(device_of(reviewer))})
    TOTPDevice.objects.filter(user=reviewer).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=1)
    )

    reviewer_client.post(SETUP_URL, {"token": code(device_of(reviewer))})

    assert device_of(reviewer).confirmed
