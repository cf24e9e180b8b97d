"""/api/v1/openapi.json: a valid OpenAPI 3.1 document, and the live API keeps to it under a
property-based run (schemathesis: no 5xx, documented status codes, responses match schemas)."""

import json

import hypothesis
import jsonschema_rs
import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from schemathesis import GenerationMode

from tests.resurfacing.api_client import OPENAPI_URL, README_EXAMPLE, fresh_rate_limits, post
from treatments.vocabulary import CONCERNS, HEALTH_FLAGS


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    with fresh_rate_limits(monkeypatch) as clock:
        yield clock


@pytest.fixture
def document(client):
    response = client.get(OPENAPI_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    schemathesis.openapi.from_dict(json.loads(json.dumps(document))).validate()


def test_the_document_describes_the_recommendations_operation_and_its_errors(document):
    operation = document["paths"]["/api/v1/recommendations"]["post"]
    assert set(operation["responses"]) == {"200", "400", "405", "413", "429"}
    intake = document["components"]["schemas"]["Intake"]
    assert intake["properties"]["concerns"]["items"]["enum"] == list(CONCERNS)
    assert set(intake["properties"]["health"]["properties"]) == set(HEALTH_FLAGS)


def validator(document, name):
    """A JSON Schema validator for one of the document's components."""
    return jsonschema_rs.Draft202012Validator({**document, "$ref": f"#/components/schemas/{name}"})


@pytest.mark.django_db
def test_the_readme_example_and_its_answer_match_the_schemas(client, document):
    assert validator(document, "Intake").is_valid(README_EXAMPLE)
    response = post(client, README_EXAMPLE)
    validator(document, "Result").validate(response.json())


# Values near a valid intake: right and wrong types, in and out of range.
NEAR_VALUES = st.one_of(
    st.integers(-2, 8),
    st.sampled_from([0.5, 3.0, "3", True, None, [], {}]),
    st.lists(st.sampled_from([*CONCERNS, "wrinkles", 1]), max_size=4),
    st.dictionaries(
        st.sampled_from([*HEALTH_FLAGS, "diabetes"]),
        st.sampled_from([True, False, "yes"]),
        max_size=3,
    ),
)
NEAR_INTAKES = st.dictionaries(
    st.sampled_from(["fitzpatrick", "concerns", "max_downtime_days", "health", "age"]),
    NEAR_VALUES,
    max_size=5,
)


@pytest.mark.django_db
def test_the_schema_accepts_exactly_what_the_api_accepts(client, document, settings):
    """Whole numbers written with a fraction (3.0) are the one known difference: JSON Schema
    counts them as integers, the validation (and the command) refuses them."""
    settings.API_RATE = "1000000/m"
    intake = validator(document, "Intake")

    @hypothesis.settings(max_examples=300, deadline=None, database=None)
    @given(body=NEAR_INTAKES)
    def the_schema_agrees(body):
        hypothesis.assume(not any(type(value) is float for value in json_leaves(body)))
        status = post(client, body).status_code
        assert status in (200, 400)
        assert intake.is_valid(body) == (status == 200), body

    the_schema_agrees()


def json_leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from json_leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_leaves(item)
    else:
        yield value


def whole_numbers_without_fraction(case):
    """JSON Schema counts 7.0 as an integer; the API, like the command, wants 7 (the document
    says so in words). Valid cases are sent the way the document asks."""
    case.body = _without_fraction(case.body)
    return case


def _without_fraction(value):
    if isinstance(value, dict):
        return {key: _without_fraction(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_fraction(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_property_based_run_against_the_live_api_passes_every_default_check(
    live_server, settings
):
    settings.API_RATE = "1000000/m"
    # A batch over maxItems is refused with the documented 413, not a 400.
    config = schemathesis.Config.from_dict(
        {"checks": {"negative_data_rejection": {"expected-statuses": [400, 413]}}}
    )
    schema = schemathesis.openapi.from_url(live_server.url + OPENAPI_URL, config=config)
    operation = schema["/api/v1/recommendations"]["POST"]
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE).map(whole_numbers_without_fraction),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @hypothesis.settings(
        max_examples=150,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases)
    def the_api_keeps_to_its_document(case):
        statuses.append(case.call_and_validate(base_url=live_server.url).status_code)

    statuses = []
    the_api_keeps_to_its_document()
    assert len(statuses) >= 100
    assert {200, 400} <= set(statuses)
