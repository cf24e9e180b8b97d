"""Rate limits per client address and route: over the limit a clear 429 with Retry-After, the
answers kept; behind a proxy the configured header names the client; a cache that is down or
a wrong setting never breaks the site."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from common import ratelimit
from intake.models import Intake
from tests.intake.helpers import (
    REVIEW_URL,
    WORKED_EXAMPLE,
    answer_steps,
    step_url,
    submit_questionnaire,
)
from tests.intake.markup import parse
from tests.resurfacing.api_client import README_EXAMPLE, fresh_rate_limits, post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock(monkeypatch, settings):
    settings.INTAKE_SUBMIT_RATE = "2/h"
    with fresh_rate_limits(monkeypatch) as clock:
        yield clock


@pytest.fixture
def limit_used_up(client):
    for _ in range(2):
        assert submit_questionnaire(client).status_code == 302
    assert Intake.objects.count() == 2
    answer_steps(client)  # a third questionnaire, answered in full


def test_a_submission_over_the_rate_gets_429_with_a_clear_page(client, limit_used_up):
    response = client.post(REVIEW_URL)
    assert response.status_code == 429
    page = parse(response)
    assert "Too many submissions" in page.find("h1").text
    assert "Your answers are kept" in page.text
    assert REVIEW_URL in page.urls()
    assert "no-store" in response["Cache-Control"]
    assert Intake.objects.count() == 2


def test_a_refused_submission_says_when_to_try_again(client, limit_used_up, clock):
    clock.now = 1_800_000_000.0 // 3600 * 3600 + 600  # ten minutes into the hour
    response = client.post(REVIEW_URL)
    assert response["Retry-After"] == "3000"


def test_the_refused_answers_are_still_there_to_submit_later(client, limit_used_up, clock):
    client.post(REVIEW_URL)
    review = client.get(REVIEW_URL)
    assert review.status_code == 200
    assert "ann@example.com" in review.content.decode()
    clock.now += 3600  # the next hour
    response = client.post(REVIEW_URL)
    assert response.status_code == 302
    assert Intake.objects.count() == 3
    assert Intake.objects.latest("pk").email == "ann@example.com"


def test_looking_at_the_review_page_does_not_count(client, limit_used_up):
    for _ in range(5):
        assert client.get(REVIEW_URL).status_code == 200


def test_another_address_can_still_submit(client, limit_used_up):
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert submit_questionnaire(other).status_code == 302
    assert Intake.objects.count() == 3


def test_step_posts_over_their_rate_get_429_with_retry_after(client, settings):
    settings.INTAKE_STEP_RATE = "3/m"
    answers = {**WORKED_EXAMPLE["concerns"], "next": ""}
    statuses = [client.post(step_url("concerns"), answers).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert int(client.post(step_url("concerns"), answers)["Retry-After"]) > 0
    assert client.get(step_url("concerns")).status_code == 200  # reading is not limited


def test_the_api_over_its_rate_answers_429_in_json_with_retry_after(client, settings):
    settings.API_RATE = "2/m"
    responses = [post(client, README_EXAMPLE) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert "too many requests" in responses[2].json()["error"]
    assert int(responses[2]["Retry-After"]) > 0


def test_each_route_counts_on_its_own(client, settings):
    settings.API_RATE = "1/m"
    settings.INTAKE_STEP_RATE = "1/m"
    assert post(client, README_EXAMPLE).status_code == 200
    answers = {**WORKED_EXAMPLE["concerns"], "next": ""}
    assert client.post(step_url("concerns"), answers).status_code == 302


def test_behind_a_proxy_the_configured_header_names_the_client(client, settings):
    settings.API_RATE = "1/m"
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert post(client, README_EXAMPLE, HTTP_X_REAL_IP="192.0.2.1", **proxy).status_code == 200
    assert post(client, README_EXAMPLE, HTTP_X_REAL_IP="192.0.2.2", **proxy).status_code == 200
    assert post(client, README_EXAMPLE, HTTP_X_REAL_IP="192.0.2.1", **proxy).status_code == 429


def test_a_rate_that_is_not_count_per_period_is_a_configuration_error_naming_it():
    with pytest.raises(ImproperlyConfigured, match="INTAKE_SUBMIT_RATE must be a count per"):
        ratelimit.parse_rate("30 per hour", "INTAKE_SUBMIT_RATE")
    assert ratelimit.parse_rate("30/h") == (30, 3600)
    assert ratelimit.parse_rate("120/m") == (120, 60)
