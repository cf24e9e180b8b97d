"""The patient's rights on the results page: a copy of their data, and erasure."""

import json

import pytest

from tests.factories import make_intake
from tests.intake.helpers import WORKED_EXAMPLE, another_token, result_url
from tests.intake.markup import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake():
    return make_intake(steps=WORKED_EXAMPLE)


def download_url(intake):
    return f"{result_url(intake)}download/"


def delete_url(intake):
    return f"{result_url(intake)}delete/"


def test_download_is_a_json_attachment(client, intake):
    response = client.get(download_url(intake))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".json" in response["Content-Disposition"]


def test_download_contains_the_answers(client, intake):
    document = json.loads(client.get(download_url(intake)).content)

    answers = document["answers"]
    assert answers["concerns"] == ["acne_scars", "large_pores"]
    assert answers["fitzpatrick"] == 4
    assert answers["max_downtime_days"] == 7
    assert answers["health"]["cold_sore_history"] is True
    assert (answers["name"], answers["email"]) == ("Ann", "ann@example.com")
    assert answers["consents"] == [
        {"kind": t.kind, "version": t.version, "text": t.text}
        for t in (intake.consent_health, intake.consent_storage)
    ]


def test_download_contains_the_result_shown(client, intake):
    document = json.loads(client.get(download_url(intake)).content)

    assert document["result"] == intake.recommendation


def test_download_of_an_unknown_token_is_not_found(client, intake):
    assert client.get(download_url(another_token(intake.token))).status_code == 404


def test_delete_asks_for_confirmation_first(client, intake):
    response = client.get(delete_url(intake))

    page = parse(response)
    assert response.status_code == 200
    assert page.find("h1").text == "Delete your answers and results?"
    form = page.find("main").find("form", method="post")
    assert form.find("button", type="submit").text == "Yes, delete everything"
    intake.refresh_from_db()
    assert not intake.is_erased


def test_the_confirmation_offers_a_way_back_and_a_copy(client, intake):
    urls = parse(client.get(delete_url(intake))).urls()

    assert result_url(intake) in urls
    assert download_url(intake) in urls


def test_confirming_erases_the_personal_and_health_data(client, intake):
    client.post(delete_url(intake))

    intake.refresh_from_db()
    assert intake.erased_at is not None
    assert (intake.name, intake.email) == ("", "")
    assert intake.health == {}
    assert intake.concerns == []
    assert intake.recommendation == {}
    assert intake.fitzpatrick is None
    assert intake.followup_opt_in is False


def test_confirming_returns_to_the_results_address(client, intake):
    response = client.post(delete_url(intake))

    assert response.status_code == 302
    assert response["Location"] == result_url(intake)


def test_the_results_address_then_says_the_answers_were_deleted(client, intake):
    client.post(delete_url(intake))

    response = client.get(result_url(intake))

    page = parse(response)
    assert response.status_code == 200
    assert page.find("h1").text == "Your answers were deleted"
    assert "Ann" not in page.text
    assert "ann@example.com" not in page.text
    assert "Acne scars" not in page.text


def test_erased_answers_can_no_longer_be_downloaded(client, intake):
    client.post(delete_url(intake))

    assert client.get(download_url(intake)).status_code == 404


def test_erased_answers_cannot_be_deleted_twice(client, intake):
    client.post(delete_url(intake))

    assert client.get(delete_url(intake)).status_code == 404


def test_deleting_an_unknown_token_is_not_found(client, intake):
    assert client.post(delete_url(another_token(intake.token))).status_code == 404
    intake.refresh_from_db()
    assert not intake.is_erased


def test_deleting_needs_the_csrf_token(intake):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(delete_url(intake))

    assert response.status_code == 403
    intake.refresh_from_db()
    assert not intake.is_erased
