"""Staff see the outbox in the admin, failed follow-ups with their error."""

import pytest
from django.urls import reverse

from followups import sending
from followups.models import FollowUp
from tests.factories import followup_of, make_intake

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:followups_followup_changelist")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def failed(settings):
    settings.EMAIL_BACKEND = "tests.followups.mailbackends.RefusingBackend"
    settings.FOLLOWUP_MAX_ATTEMPTS = 1
    summary = followup_of(make_intake())
    sending.send(summary.id)
    return summary


def test_staff_see_a_failed_followup_with_its_error(admin_client, failed):
    response = admin_client.get(CHANGELIST, {"status__exact": "failed"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "SMTPDataError: (451" in page
    assert list(response.context["cl"].result_list) == [failed]


def test_staff_see_the_whole_error_on_the_followups_page(admin_client, failed):
    page = admin_client.get(reverse("admin:followups_followup_change", args=[failed.pk]))
    assert "4.3.0 Temporary failure" in page.content.decode()


def test_staff_cannot_add_followups_by_hand(admin_client):
    assert admin_client.get(reverse("admin:followups_followup_add")).status_code == 403


def test_staff_can_send_a_failed_followup_again(admin_client, failed, settings, mailoutbox):
    response = admin_client.post(
        CHANGELIST, {"action": "send_again", "_selected_action": [failed.pk]}
    )
    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (FollowUp.PENDING, 0)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert sending.sweep() == {"sent": 1}
