"""Staff hear of failed follow-ups without looking: a count on the admin index, linking to the
failed ones, and a daily e-mail to CLINIC_STAFF_EMAIL when any failed since the last one, with
counts and a link only."""

import smtplib

import pytest
from django.contrib.auth.models import Permission, User
from django.core.checks import run_checks
from django.core.mail.backends.locmem import EmailBackend as MemoryBackend
from django.urls import reverse

from followups import sending, tasks
from followups.models import FollowUp
from tests.factories import make_intake

pytestmark = pytest.mark.django_db


FAILED_LIST = reverse("admin:followups_followup_changelist") + "?status__exact=failed"
STAFF = "frontdesk@clinic.example"


class RefusingBackend(MemoryBackend):
    """Patients' e-mails are refused for good; others (the staff notice) are delivered."""

    def send_messages(self, messages):
        for message in messages:
            if message.to != [STAFF]:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"5.1.1 no user")})
        return super().send_messages(messages)


class DownBackend(MemoryBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture(autouse=True)
def setup(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    settings.CLINIC_STAFF_EMAIL = STAFF
    settings.SITE_URL = "https://clinic.example"


def fail(*names, kind=FollowUp.SUMMARY):
    """A failed follow-up for each patient named."""
    intakes = []
    for name in names:
        intake = make_intake(name=name, email=f"{name.lower()}@example.com")
        followup = intake.followups.get(kind=kind)
        FollowUp.objects.filter(pk=followup.pk).update(due_at=intake.submitted_at)
        sending.send(followup.id)
        intakes.append(intake)
    return intakes


def staff_client(client, *permissions):
    user = User.objects.create_user("staff", password="x", is_staff=True)
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client.force_login(user)
    return client


def index(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.content.decode()


# --- On the admin index ------------------------------------------------------------------------


def test_the_admin_index_shows_how_many_followups_failed_and_links_to_them(admin_client):
    fail("Ada", "Grace")
    page = index(admin_client)
    assert f'<a href="{FAILED_LIST.replace("&", "&amp;")}">2 follow-up e-mails failed</a>' in page


def test_the_admin_index_says_nothing_of_failures_when_none_failed(admin_client):
    make_intake()
    assert 'id="failed-followups"' not in index(admin_client)


def test_staff_who_may_view_followups_see_the_failure_count(client):
    fail("Ada")
    assert "1 follow-up e-mail failed" in index(staff_client(client, "view_followup"))


def test_staff_who_may_not_view_followups_do_not_see_the_failure_count(client):
    fail("Ada")
    assert "failed" not in index(staff_client(client))


# --- The daily notice --------------------------------------------------------------------------


def notices(mailoutbox):
    return [m for m in mailoutbox if m.to == [STAFF]]


def test_the_daily_notice_tells_staff_how_many_followups_failed(mailoutbox):
    fail("Ada", "Grace")
    fail("Alan", kind=FollowUp.REMINDER)
    assert tasks.notify_staff_of_failures() == 3
    [notice] = notices(mailoutbox)
    assert notice.subject == "3 follow-up e-mails could not be sent"
    assert "- Summary, right after submission: 2\n" in notice.body
    assert "- Reminder to book a consultation: 1\n" in notice.body
    assert "Failed follow-up e-mails in all: 3." in notice.body
    assert f"https://clinic.example{FAILED_LIST}" in notice.body


def test_the_daily_notice_holds_counts_and_a_link_only_no_patient_data(mailoutbox):
    [intake] = fail("Ada")
    tasks.notify_staff_of_failures()
    [notice] = notices(mailoutbox)
    text = f"{notice.subject}\n{notice.body}".lower()
    followup = intake.followups.get(kind=FollowUp.SUMMARY)
    for private in ["ada", "example.com", str(intake.token), "5.1.1", "no user", "acne"]:
        assert private.lower() not in text
    assert f"/{followup.pk}/" not in text
    assert getattr(notice, "alternatives", []) == [] and notice.attachments == []


def test_the_daily_notice_is_not_sent_again_when_nothing_new_failed(mailoutbox):
    fail("Ada")
    tasks.notify_staff_of_failures()
    assert tasks.notify_staff_of_failures() == 0
    assert len(notices(mailoutbox)) == 1


def test_the_next_notice_counts_only_what_failed_since_the_last_one(mailoutbox):
    fail("Ada")
    tasks.notify_staff_of_failures()
    fail("Grace")
    assert tasks.notify_staff_of_failures() == 1
    latest = notices(mailoutbox)[-1]
    assert latest.subject == "1 follow-up e-mail could not be sent"
    assert "Failed follow-up e-mails in all: 2." in latest.body


def test_no_notice_is_sent_without_a_staff_address(settings, mailoutbox):
    settings.CLINIC_STAFF_EMAIL = ""
    fail("Ada")
    assert tasks.notify_staff_of_failures() == 0
    assert notices(mailoutbox) == []


def test_a_notice_that_could_not_be_sent_reports_the_same_failures_next_time(settings, mailoutbox):
    fail("Ada")
    settings.EMAIL_BACKEND = f"{__name__}.DownBackend"
    with pytest.raises(ConnectionRefusedError):
        tasks.notify_staff_of_failures()
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    assert tasks.notify_staff_of_failures() == 1


def test_a_followup_sent_again_that_fails_again_is_reported_again(admin_client, mailoutbox):
    [intake] = fail("Ada")
    tasks.notify_staff_of_failures()
    followup = intake.followups.get(kind=FollowUp.SUMMARY)
    admin_client.post(
        reverse("admin:followups_followup_changelist"),
        {"action": "send_again", "_selected_action": [followup.pk]},
    )
    sending.send(followup.pk)
    assert tasks.notify_staff_of_failures() == 1


def test_the_notice_is_sent_daily_by_beat(settings):
    [entry] = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "followups.tasks.notify_staff_of_failures"
    ]
    assert entry["schedule"] == 24 * 60 * 60
    assert entry["options"]["expires"] <= entry["schedule"]


def test_a_staff_address_that_is_not_one_is_reported_at_start_up(settings):
    settings.CLINIC_STAFF_EMAIL = "frontdesk at clinic"
    assert [m.id for m in run_checks() if m.id.startswith("followups.")] == ["followups.E005"]
