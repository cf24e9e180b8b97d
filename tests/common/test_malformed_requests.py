"""A request no patient's browser would send — a NUL byte in the address, a forged form — gets
a clear page in the site's design, never a 500 or a traceback."""

import logging

import pytest
from django.test import Client

from tests.intake.helpers import step_url
from tests.intake.markup import parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/intake/results/%00/", "/intake/results/%00/download/", "/intake/results/%00/delete/"],
)
def test_a_nul_byte_in_a_results_address_is_a_bad_request_in_the_sites_design(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "This request could not be read" in parse(response).find("h1").text


def test_a_results_address_that_is_no_token_is_not_found(client):
    response = client.get("/intake/results/" + "x" * 100 + "/")
    assert response.status_code == 404
    assert "Page not found" in parse(response).find("h1").text


@pytest.mark.parametrize("url", ["/intake/?step=%00", "/?a%00=b", "/intake/review/?x=%00"])
def test_a_nul_byte_in_the_query_string_is_a_bad_request_in_the_sites_design(client, url, caplog):
    caplog.set_level(logging.WARNING)
    response = client.get(url)
    assert response.status_code == 400
    assert "This request could not be read" in parse(response).find("h1").text
    assert "Traceback" not in caplog.text


def test_a_form_without_its_csrf_token_gets_a_page_in_the_sites_design():
    response = Client(enforce_csrf_checks=True).post(step_url("concerns"), {"concerns": "x"})
    assert response.status_code == 403
    page = parse(response)
    assert "This form has expired" in page.find("h1").text
    assert page.find("link", rel="stylesheet") is not None
