"""Unsubscribe: the link opens a page with a button, which (like the mail client's one-click
POST) cancels every pending follow-up of the patient and shows a confirmation page. Opening
the link alone changes nothing: mail providers' link scanners open every link."""

from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from followups import sending
from followups.emails import build_message, unsubscribe_url
from followups.models import FollowUp
from tests.factories import followup_of, make_intake

pytestmark = pytest.mark.django_db


def path_of(intake):
    return urlsplit(unsubscribe_url(intake)).path


def statuses(intake):
    return {row.kind: row.status for row in intake.followups.all()}


def test_opening_the_link_shows_a_button_and_cancels_nothing(client):
    intake = make_intake()
    response = client.get(path_of(intake))
    assert response.status_code == 200
    assert "Stop all follow-up emails" in response.content.decode()
    assert statuses(intake) == {"summary": "pending", "reminder": "pending"}
    intake.refresh_from_db()
    assert intake.followup_opt_in is True


def test_the_button_cancels_every_pending_followup(client):
    intake = make_intake()
    response = client.post(path_of(intake))
    assert response.status_code == 200
    assert statuses(intake) == {"summary": "cancelled", "reminder": "cancelled"}


def test_unsubscribing_turns_the_opt_in_off(client):
    intake = make_intake()
    client.post(path_of(intake))
    intake.refresh_from_db()
    assert intake.followup_opt_in is False


def test_unsubscribing_shows_a_confirmation_page_in_the_sites_design(client):
    response = client.post(path_of(make_intake()))
    assert "followups/unsubscribed.html" in [t.name for t in response.templates]
    assert "base.html" in [t.name for t in response.templates]
    assert "no more follow-up emails" in response.content.decode()


def test_a_mail_client_unsubscribes_with_a_one_click_post_without_a_csrf_token():
    intake = make_intake()
    client = Client(enforce_csrf_checks=True)
    response = client.post(path_of(intake), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert statuses(intake) == {"summary": "cancelled", "reminder": "cancelled"}


def test_the_link_in_the_email_works(client):
    intake = make_intake()
    message = build_message(followup_of(intake))
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body
    assert client.post(urlsplit(link).path).status_code == 200
    assert statuses(intake)["reminder"] == FollowUp.CANCELLED


def test_followups_already_sent_stay_sent(client):
    intake = make_intake()
    sending.sweep()
    client.post(path_of(intake))
    assert statuses(intake) == {"summary": "sent", "reminder": "cancelled"}


def test_unsubscribing_touches_only_that_patients_followups(client):
    intake, other = make_intake(), make_intake(email="grace@example.com")
    client.post(path_of(intake))
    assert statuses(other) == {"summary": "pending", "reminder": "pending"}


def test_unsubscribing_twice_is_harmless(client):
    intake = make_intake()
    client.post(path_of(intake))
    assert client.post(path_of(intake)).status_code == 200


def test_a_tampered_link_shows_a_clear_error_page(client):
    intake = make_intake()
    token = path_of(intake).rstrip("/").rsplit("/", 1)[1]
    other_id = str(intake.pk + 1)
    forged = other_id + token[token.index(":") :]
    response = client.get(reverse("followups:unsubscribe", args=[forged]))
    assert response.status_code == 400
    assert "This unsubscribe link does not work" in response.content.decode()
    assert statuses(intake) == {"summary": "pending", "reminder": "pending"}


def test_a_value_signed_for_another_purpose_is_refused(client):
    intake = make_intake()
    token = signing.Signer().sign(str(intake.pk))  # the right key, not the unsubscribe salt
    response = client.get(reverse("followups:unsubscribe", args=[token]))
    assert response.status_code == 400
    assert statuses(intake)["reminder"] == FollowUp.PENDING


def test_a_link_for_an_intake_that_no_longer_exists_still_confirms(client):
    intake = make_intake()
    path = path_of(intake)
    intake.delete()
    assert client.get(path).status_code == 200
