"""Validation of an intake given as JSON data (docs/clinical-basis.md, section 8, rule 1)."""

import pytest

from treatments.rules import IntakeAnswers
from treatments.validation import InvalidIntake, parse_intake

VALID = {
    "fitzpatrick": 3,
    "concerns": ["acne_scars", "large_pores"],
    "max_downtime_days": 7,
    "health": {"cold_sore_history": True, "immunosuppressed": False},
}


MISSING = object()


def intake(**changes):
    """The valid intake with some fields replaced; a value of MISSING removes the field."""
    data = {**VALID, **changes}
    return {key: value for key, value in data.items() if value is not MISSING}


def rejection(data, where=""):
    with pytest.raises(InvalidIntake) as caught:
        parse_intake(data, where=where)
    return caught.value


def assert_one_line(error):
    assert len(str(error).splitlines()) == 1


# --- A valid intake --------------------------------------------------------------------------


def test_valid_intake_becomes_intake_answers():
    assert parse_intake(VALID) == IntakeAnswers(
        fitzpatrick=3,
        concerns=("acne_scars", "large_pores"),
        max_downtime_days=7,
        health=frozenset({"cold_sore_history"}),
    )


def test_concerns_keep_the_order_the_patient_gave():
    answers = parse_intake(intake(concerns=["large_pores", "texture_tone", "acne_scars"]))

    assert answers.concerns == ("large_pores", "texture_tone", "acne_scars")


# --- fitzpatrick -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5, 6])
def test_fitzpatrick_from_1_to_6_is_accepted(value):
    assert parse_intake(intake(fitzpatrick=value)).fitzpatrick == value


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(MISSING, id="missing"),
        pytest.param(0, id="zero"),
        pytest.param(7, id="seven"),
        pytest.param(-1, id="negative"),
        pytest.param("4", id="string"),
        pytest.param(4.0, id="float"),
        pytest.param(True, id="true"),
        pytest.param(None, id="null"),
        pytest.param([4], id="list"),
    ],
)
def test_fitzpatrick_outside_whole_numbers_1_to_6_is_rejected(value):
    error = rejection(intake(fitzpatrick=value))

    assert error.field == "fitzpatrick"
    assert_one_line(error)


def test_missing_fitzpatrick_is_reported_as_required():
    assert rejection(intake(fitzpatrick=MISSING)).problem == "is required"


def test_rejected_fitzpatrick_echoes_the_value_as_json():
    assert str(rejection(intake(fitzpatrick=True))) == (
        "fitzpatrick: must be a whole number from 1 to 6, got true"
    )


# --- concerns --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(MISSING, id="missing"),
        pytest.param([], id="empty-list"),
        pytest.param("acne_scars", id="string-not-list"),
        pytest.param({"acne_scars": True}, id="object-not-list"),
        pytest.param(None, id="null"),
        pytest.param(["wrinkles"], id="unknown-concern"),
        pytest.param(["acne_scars", "acne_scars"], id="duplicate"),
        pytest.param(["Acne_Scars"], id="wrong-case"),
        pytest.param([1], id="number-item"),
        pytest.param([None], id="null-item"),
        pytest.param([True], id="boolean-item"),
    ],
)
def test_concerns_must_be_a_list_of_distinct_known_concerns(value):
    error = rejection(intake(concerns=value))

    assert error.field == "concerns"
    assert_one_line(error)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param([["acne_scars"]], id="list-item"),
        pytest.param([{"concern": "acne_scars"}], id="object-item"),
    ],
)
def test_concern_item_that_is_a_list_or_object_is_rejected_as_invalid_intake(value):
    error = rejection(intake(concerns=value))

    assert error.field == "concerns"
    assert_one_line(error)


def test_empty_concerns_ask_to_choose_at_least_one():
    assert rejection(intake(concerns=[])).problem == "choose at least one concern"


def test_unknown_concern_names_the_value_and_the_known_concerns():
    problem = rejection(intake(concerns=["wrinkles"])).problem

    assert '"wrinkles"' in problem
    assert "fine_lines_wrinkles" in problem


def test_duplicate_concern_is_named():
    assert rejection(intake(concerns=["acne_scars", "acne_scars"])).problem == (
        '"acne_scars" is listed twice'
    )


# --- max_downtime_days -----------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 2, 7, 28, 365, 10_000])
def test_any_whole_number_of_days_from_zero_is_accepted(value):
    assert parse_intake(intake(max_downtime_days=value)).max_downtime_days == value


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(MISSING, id="missing"),
        pytest.param(-1, id="negative"),
        pytest.param("7", id="string"),
        pytest.param(7.5, id="fraction"),
        pytest.param(7.0, id="float"),
        pytest.param(True, id="true"),
        pytest.param(False, id="false"),
        pytest.param(None, id="null"),
    ],
)
def test_max_downtime_days_outside_whole_numbers_from_zero_is_rejected(value):
    error = rejection(intake(max_downtime_days=value))

    assert error.field == "max_downtime_days"
    assert_one_line(error)


# --- health ----------------------------------------------------------------------------------


def test_missing_health_means_every_flag_is_false():
    assert parse_intake(intake(health=MISSING)).health == frozenset()


def test_empty_health_means_every_flag_is_false():
    assert parse_intake(intake(health={})).health == frozenset()


def test_only_flags_answered_true_are_kept():
    health = {"cold_sore_history": True, "immunosuppressed": False, "isotretinoin_recent": True}

    assert parse_intake(intake(health=health)).health == {
        "cold_sore_history",
        "isotretinoin_recent",
    }


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(["cold_sore_history"], id="list"),
        pytest.param("cold_sore_history", id="string"),
        pytest.param(True, id="true"),
        pytest.param(None, id="null"),
    ],
)
def test_health_that_is_not_an_object_is_rejected(value):
    error = rejection(intake(health=value))

    assert error.field == "health"
    assert_one_line(error)


def test_unknown_health_flag_is_rejected_naming_the_flag():
    error = rejection(intake(health={"smoker": True}))

    assert error.field == "health.smoker"
    assert error.problem == "unknown health flag"


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("yes", id="string"),
        pytest.param(1, id="number"),
        pytest.param(None, id="null"),
        pytest.param([], id="list"),
    ],
)
def test_health_flag_with_a_non_boolean_answer_is_rejected(value):
    error = rejection(intake(health={"cold_sore_history": value}))

    assert error.field == "health.cold_sore_history"
    assert_one_line(error)


# --- The object as a whole -------------------------------------------------------------------


def test_unknown_top_level_field_is_rejected_naming_it():
    error = rejection(intake(age=42))

    assert error.field == "age"
    assert "unknown field" in error.problem
    assert_one_line(error)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param([], id="list"),
        pytest.param("fitzpatrick", id="string"),
        pytest.param(3, id="number"),
        pytest.param(None, id="null"),
    ],
)
def test_input_that_is_not_an_object_is_rejected(data):
    error = rejection(data)

    assert error.field == ""
    assert "must be a JSON object" in str(error)
    assert_one_line(error)


def test_batch_position_prefixes_the_field_name():
    error = rejection(intake(fitzpatrick=0), where="[2].")

    assert error.field == "[2].fitzpatrick"
    assert str(error).startswith("[2].fitzpatrick: ")


def test_batch_position_names_an_item_that_is_not_an_object():
    assert rejection("oops", where="[2].").field == "[2]"


def test_batch_position_prefixes_a_health_flag():
    assert rejection(intake(health={"smoker": True}), where="[0].").field == "[0].health.smoker"


def test_long_values_are_cut_short_in_the_message():
    error = rejection(intake(concerns=["x" * 500]))

    assert len(str(error)) < 200
    assert_one_line(error)


def test_value_with_a_line_break_stays_on_one_line():
    assert_one_line(rejection(intake(concerns=["acne\nscars"])))


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(intake(**{"bad\nfield": 1}), id="top-level-field"),
        pytest.param(intake(health={"bad\nflag": True}), id="health-flag"),
    ],
)
def test_unknown_name_with_a_line_break_stays_on_one_line(data):
    assert_one_line(rejection(data))
