"""POST /api/v1/recommendations: the `recommend` command over HTTP, nothing stored, JSON errors
naming the field, 405/413/429 as documented."""

import json

import pytest

from intake.models import Intake
from tests.resurfacing.api_client import (
    README_EXAMPLE,
    URL,
    fresh_rate_limits,
    in_the_clinics_currency,
    post,
    recommend_command,
)
from tests.resurfacing.site_map import database_state
from treatments import api
from treatments.models import Treatment
from treatments.rules import recommend

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    with fresh_rate_limits(monkeypatch) as clock:
        yield clock


BATCH = [
    README_EXAMPLE,
    {"fitzpatrick": 1, "concerns": ["fine_lines_wrinkles"], "max_downtime_days": 0},
    {
        "fitzpatrick": 2,
        "concerns": ["texture_tone"],
        "max_downtime_days": 28,
        "health": {"pregnant_or_breastfeeding": True},
    },
]


def assert_error(response, status, field, problem):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["field"] == field
    assert problem in body["problem"]
    assert body["error"] == (f"{field}: {body['problem']}" if field else body["problem"])


def test_the_readme_example_returns_exactly_what_the_recommend_command_prints(client):
    response = post(client, README_EXAMPLE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == in_the_clinics_currency(recommend_command(README_EXAMPLE))
    slugs = [candidate["slug"] for candidate in response.json()["candidates"]]
    assert slugs[:2] == ["microneedling", "laser-ablative-fractional"]


def test_a_batch_returns_one_result_per_intake_in_order_as_the_command_does(client):
    response = post(client, BATCH)
    assert response.status_code == 200
    assert response.json() == in_the_clinics_currency(recommend_command(BATCH))
    assert len(response.json()) == 3
    assert response.json()[2]["candidates"] == []


def test_an_empty_batch_returns_an_empty_list(client):
    response = post(client, [])
    assert response.status_code == 200
    assert response.json() == []


def test_it_stores_nothing_and_sets_no_cookie(client):
    before = database_state()
    for body in (README_EXAMPLE, BATCH, {"fitzpatrick": 9}):
        response = post(client, body)
        assert not response.cookies
    assert database_state() == before
    assert not Intake.objects.exists()


def test_it_is_never_cached(client):
    assert "no-store" in post(client, README_EXAMPLE)["Cache-Control"]


VALID = {"fitzpatrick": 3, "concerns": ["acne_scars"], "max_downtime_days": 7}


def bad(reason, body, field, problem):
    return pytest.param(body, field, problem, id=reason)


BAD_BODIES = [
    bad("malformed JSON", b'{"fitzpatrick": 3,', None, "not valid JSON (line 1, column 19)"),
    bad("an empty body", b"", None, "not valid JSON"),
    bad("bytes that are not UTF-8", b'{"fitzpatrick": "\xff"}', None, "not UTF-8"),
    bad("a string", "intake", None, "must be a JSON object, got a string"),
    bad("null", None, None, "must be a JSON object, got null"),
    bad("an unknown field", {**VALID, "age": 40}, "age", "unknown field"),
    bad("no fitzpatrick", {"concerns": ["acne_scars"], "max_downtime_days": 7},
        "fitzpatrick", "is required"),
    bad("no concerns", {"fitzpatrick": 3, "max_downtime_days": 7}, "concerns", "is required"),
    bad("no max_downtime_days", {"fitzpatrick": 3, "concerns": ["acne_scars"]},
        "max_downtime_days", "is required"),
    bad("fitzpatrick out of range", {**VALID, "fitzpatrick": 7}, "fitzpatrick",
        "must be a whole number from 1 to 6, got 7"),
    bad("fitzpatrick as text", {**VALID, "fitzpatrick": "3"}, "fitzpatrick", 'got "3"'),
    bad("fitzpatrick as true", {**VALID, "fitzpatrick": True}, "fitzpatrick", "got true"),
    bad("fitzpatrick as a fraction", {**VALID, "fitzpatrick": 3.5}, "fitzpatrick", "got 3.5"),
    bad("concerns not a list", {**VALID, "concerns": "acne_scars"}, "concerns",
        "must be a list of concerns, got a string"),
    bad("no concern", {**VALID, "concerns": []}, "concerns", "choose at least one concern"),
    bad("an unknown concern", {**VALID, "concerns": ["wrinkles"]}, "concerns",
        'unknown concern "wrinkles"'),
    bad("a concern twice", {**VALID, "concerns": ["acne_scars", "acne_scars"]}, "concerns",
        '"acne_scars" is listed twice'),
    bad("a concern as a number", {**VALID, "concerns": [1]}, "concerns", "unknown concern 1"),
    bad("negative downtime", {**VALID, "max_downtime_days": -1}, "max_downtime_days",
        "must be a whole number of days, 0 or more, got -1"),
    bad("downtime as text", {**VALID, "max_downtime_days": "7"}, "max_downtime_days",
        'got "7"'),
    bad("health not an object", {**VALID, "health": ["cold_sore_history"]}, "health",
        "must be an object of flags to true/false, got a list"),
    bad("an unknown health flag", {**VALID, "health": {"diabetes": True}}, "health.diabetes",
        "unknown health flag"),
    bad("a health answer as text", {**VALID, "health": {"cold_sore_history": "yes"}},
        "health.cold_sore_history", 'must be true or false, got "yes"'),
    bad("a bad item of a batch", [VALID, {**VALID, "fitzpatrick": 0}], "[1].fitzpatrick",
        "got 0"),
    bad("a batch item not an object", [VALID, 3], "[1]", "must be a JSON object, got a number"),
    # Python's own limits (RecursionError, ValueError) once made these a 500.
    bad("arrays nested 2000 deep", b"[" * 2000 + b"]" * 2000, None, "nested too deeply"),
    bad("a value nested almost as deep as JSON allows",
        b'{"fitzpatrick": ' + b"[" * 950 + b"]" * 950 + b"}", None, "nested too deeply"),
    bad("a number of 5000 digits", b'{"fitzpatrick": ' + b"9" * 5000 + b"}", None, "too long"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "field", "problem"), BAD_BODIES)
def test_bad_input_is_a_400_with_json_naming_the_field_and_the_problem(
    client, body, field, problem
):
    assert_error(post(client, body), 400, field, problem)


def test_the_error_matches_the_recommend_commands_one_line_error(client, capsys):
    from django.core.management.base import CommandError

    body = {**VALID, "concerns": ["acne_scars", "sunburn"]}
    with pytest.raises(CommandError) as refused:
        recommend_command(body)
    assert str(refused.value) == f"invalid intake: {post(client, body).json()['error']}"


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE"])
def test_another_method_is_a_405_that_allows_post(client, method):
    response = client.generic(method, URL, json.dumps(VALID), content_type="application/json")
    assert_error(response, 405, None, f"method {method} is not allowed; use POST")
    assert response["Allow"] == "POST"


def test_a_body_over_the_size_limit_is_a_413(client, settings):
    body = json.dumps(VALID).encode()
    padded = body[:-1] + b" " * (settings.API_MAX_BODY_BYTES - len(body) + 1) + b"}"
    assert len(padded) == settings.API_MAX_BODY_BYTES + 1
    assert_error(post(client, padded), 413, None, f"larger than {settings.API_MAX_BODY_BYTES}")
    # One byte less is accepted.
    assert post(client, padded[:-2] + b"}").status_code == 200


def test_a_declared_length_over_the_limit_is_a_413_without_reading_the_body(client, settings):
    response = post(client, VALID, CONTENT_LENGTH=str(settings.API_MAX_BODY_BYTES + 1))
    assert_error(response, 413, None, "larger than")


def test_a_content_length_that_is_not_a_number_is_a_400(client):
    response = post(client, VALID, CONTENT_LENGTH="lots")
    assert_error(response, 400, None, "Content-Length")


def test_a_batch_over_the_size_limit_is_a_413(client, settings):
    settings.API_MAX_BATCH = 5
    assert post(client, [VALID] * 5).status_code == 200
    assert_error(post(client, [VALID] * 6), 413, None, "a batch holds at most 5 intakes")


def test_the_default_batch_limit_is_100(client):
    assert post(client, [VALID] * 100).status_code == 200
    assert post(client, [VALID] * 101).status_code == 413


def test_after_the_rate_is_used_up_it_answers_429_with_a_json_message(client, settings):
    settings.API_RATE = "3/m"
    for _ in range(3):
        assert post(client, VALID).status_code == 200
    response = post(client, VALID)
    assert_error(response, 429, None, "too many requests from this address")
    # Bad requests count too: the limit protects the server, not only the engine.
    assert post(client, b"{").status_code == 429


def test_the_rate_is_counted_per_client_address(client, settings):
    settings.API_RATE = "2/m"
    for _ in range(2):
        assert post(client, VALID, REMOTE_ADDR="192.0.2.1").status_code == 200
    assert post(client, VALID, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert post(client, VALID, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_behind_a_proxy_the_rate_is_counted_per_forwarded_address(client, settings):
    settings.API_RATE = "1/m"
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    assert post(client, VALID, HTTP_X_REAL_IP="198.51.100.1").status_code == 200
    assert post(client, VALID, HTTP_X_REAL_IP="198.51.100.1").status_code == 429
    # Same proxy address, another client.
    assert post(client, VALID, HTTP_X_REAL_IP="198.51.100.2").status_code == 200


def test_the_count_starts_again_in_the_next_window(client, settings, clock):
    settings.API_RATE = "1/m"
    assert post(client, VALID).status_code == 200
    assert post(client, VALID).status_code == 429
    clock.now += 60
    assert post(client, VALID).status_code == 200


@pytest.fixture
def worked_out(monkeypatch):
    """The answers the engine was run for, through the API; no results kept from before."""
    runs = []
    monkeypatch.setattr(api, "_results", {})
    monkeypatch.setattr(
        api,
        "recommend",
        lambda answers, *catalog: runs.append(answers) or recommend(answers, *catalog),
    )
    return runs


def test_the_same_answers_are_worked_out_once_while_the_catalog_is_unchanged(client, worked_out):
    first, again = post(client, README_EXAMPLE), post(client, README_EXAMPLE)

    assert len(worked_out) == 1
    assert again.content == first.content


def test_different_answers_are_each_worked_out(client, worked_out):
    post(client, README_EXAMPLE)
    post(client, {**README_EXAMPLE, "fitzpatrick": 2})

    assert len(worked_out) == 2


def test_after_a_catalog_edit_the_answers_are_worked_out_again(client, worked_out):
    before = post(client, README_EXAMPLE).json()
    treatment = Treatment.objects.get(slug="microneedling")
    treatment.fee_max = 900
    treatment.save()

    after = post(client, README_EXAMPLE).json()

    assert len(worked_out) == 2
    assert after["candidates"][0]["fees"] != before["candidates"][0]["fees"]
    assert after == in_the_clinics_currency(recommend_command(README_EXAMPLE))


def test_only_the_most_recent_answers_are_kept(client, worked_out, monkeypatch):
    monkeypatch.setattr(api, "RECENT_RESULTS", 2)
    bodies = [{**README_EXAMPLE, "fitzpatrick": skin_type} for skin_type in (1, 2, 3, 1)]
    for body in bodies:
        post(client, body)

    assert [answers.fitzpatrick for answers in worked_out] == [1, 2, 3, 1]
