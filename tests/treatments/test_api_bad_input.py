"""Property-based bad input for the JSON API: whatever the body, never a 5xx, and every refusal
is JSON with an "error" that says what is wrong (and, for a field, which one)."""

import json

import hypothesis
import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from tests.resurfacing.api_client import README_EXAMPLE, fresh_rate_limits, post
from treatments.vocabulary import CONCERNS, HEALTH_FLAGS

pytestmark = pytest.mark.django_db


def examples(count):
    return hypothesis.settings(
        max_examples=count,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from([*CONCERNS, *HEALTH_FLAGS, "fitzpatrick", "concerns"]),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.text(max_size=10) | st.sampled_from(["fitzpatrick", "concerns", "health"]),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@pytest.fixture(autouse=True)
def unlimited(settings, monkeypatch):
    settings.API_RATE = "1000000/m"
    with fresh_rate_limits(monkeypatch):
        yield


def assert_clear_answer(response):
    assert response.status_code < 500, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    if response.status_code == 200:
        return body
    assert response.status_code in (400, 413), response.status_code
    assert isinstance(body["error"], str) and body["error"].strip()
    assert "\n" not in body["error"]
    assert "Traceback" not in body["error"]
    return body


def test_any_json_value_gets_a_clear_answer(client):
    @examples(700)
    @given(body=JSON_VALUES | st.lists(JSON_VALUES, max_size=3))
    def any_json(body):
        assert_clear_answer(post(client, body))

    any_json()


def test_any_bytes_get_a_clear_answer(client):
    @examples(500)
    @given(body=st.binary(max_size=200) | st.text(max_size=100).map(str.encode))
    def any_bytes(body):
        assert_clear_answer(post(client, body))

    any_bytes()


@pytest.mark.parametrize("field", ["fitzpatrick", "concerns", "max_downtime_days", "health"])
def test_a_wrong_value_in_one_field_is_refused_naming_that_field(client, field):
    valid = {"fitzpatrick": 3, "concerns": ["acne_scars"], "max_downtime_days": 7, "health": {}}

    @examples(200)
    @given(value=JSON_VALUES)
    def wrong_value(value):
        body = {**valid, field: value}
        answer = assert_clear_answer(post(client, body))
        if isinstance(answer, dict) and "error" in answer:
            assert answer["field"].startswith(field), answer
        else:
            # Only a value the validation accepts may pass: check it would.
            assert _acceptable(field, value), value

    wrong_value()


def _acceptable(field, value):
    if field in ("fitzpatrick", "max_downtime_days"):
        return type(value) is int
    if field == "concerns":
        return bool(value) and set(value) <= set(CONCERNS) and len(set(value)) == len(value)
    return isinstance(value, dict) and all(
        flag in HEALTH_FLAGS and isinstance(answer, bool) for flag, answer in value.items()
    )


def test_a_valid_intake_with_noise_around_it_is_still_refused_clearly(client):
    @examples(200)
    @given(prefix=st.text(max_size=5), suffix=st.text(min_size=1, max_size=5))
    def noisy(prefix, suffix):
        text = prefix + json.dumps(README_EXAMPLE) + suffix
        hypothesis.assume(text.strip() != json.dumps(README_EXAMPLE))
        response = post(client, text.encode())
        try:
            json.loads(text)
        except ValueError:
            assert response.status_code == 400
        assert_clear_answer(response)

    noisy()
