"""Rate limits per client address: questionnaire submissions over INTAKE_SUBMIT_RATE get a 429
page that keeps the answers; a broken cache or a wrong setting never breaks the site."""

import pytest
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from intake.models import Intake
from resurfacing import ratelimit
from tests.intake.helpers import REVIEW_URL, answer_steps, submit_questionnaire
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


def test_the_cache_keeps_no_client_address(client, settings):
    from django.core.cache import cache

    client.post(REVIEW_URL, REMOTE_ADDR="203.0.113.9")
    keys = list(cache._cache) if hasattr(cache, "_cache") else []
    assert keys, "nothing was counted"
    assert not [key for key in keys if "203.0.113.9" in key]


def test_with_the_cache_down_the_site_serves_and_logs_a_warning(
    client, settings, caplog, monkeypatch
):
    nothing_listens = RedisCache("redis://127.0.0.1:1/0", {})
    monkeypatch.setattr(ratelimit, "cache", nothing_listens)
    settings.API_RATE = "1/m"
    for _ in range(2):
        assert post(client, README_EXAMPLE).status_code == 200
    assert "Rate limit api not counted: cache unavailable" in caplog.text


def test_a_rate_that_is_not_count_per_period_is_a_configuration_error_naming_it():
    with pytest.raises(ImproperlyConfigured, match="INTAKE_SUBMIT_RATE must be a count per"):
        ratelimit.parse_rate("30 per hour", "INTAKE_SUBMIT_RATE")
    assert ratelimit.parse_rate("30/h") == (30, 3600)
    assert ratelimit.parse_rate("120/m") == (120, 60)
