"""Failing requests get a page in the site's design, and a database outage says so: 503."""

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

from tests.factories import make_intake
from tests.intake.helpers import answer_steps, result_url, step_url
from tests.intake.markup import parse
from tests.resurfacing import api_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    """A client that gets the error page, as a browser would, instead of the exception."""
    return Client(raise_request_exception=False)


@pytest.fixture
def patient(visitor):
    """Someone halfway through the questionnaire: each page reads their draft."""
    answer_steps(visitor, through="concerns")
    return visitor


@pytest.fixture
def database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)


@pytest.fixture
def broken_results_page(monkeypatch):
    def fail(intake):
        raise RuntimeError("a bug")

    monkeypatch.setattr("intake.results.present", fail)


def test_a_page_during_a_database_outage_answers_503_with_retry_after(patient, database_down):
    response = patient.get(step_url("skin-type"))

    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0


def test_the_outage_page_asks_to_try_again_in_the_sites_design(patient, database_down):
    page = parse(patient.get(step_url("skin-type")))

    assert "try again" in page.find("main").text
    assert "Not medical advice" in page.text


def test_the_api_during_a_database_outage_answers_503_in_json(visitor, database_down):
    response = api_client.post(visitor, api_client.README_EXAMPLE)

    assert response.status_code == 503
    assert "temporarily unavailable" in response.json()["error"]
    assert int(response["Retry-After"]) > 0


def test_a_bug_answers_500_without_details_in_the_sites_design(visitor, broken_results_page):
    response = visitor.get(result_url(make_intake()))

    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "a bug" not in response.content.decode()
    assert "Something went wrong" in parse(response).find("h1").text


def test_an_unknown_address_answers_404_in_the_sites_design(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in parse(response).find("h1").text
