"""`manage.py recommend FILE|-`: intake JSON in, recommendation JSON out, one-line errors."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests import worked_example
from treatments.catalog import load_catalog
from treatments.models import Treatment
from treatments.rules import recommend
from treatments.validation import parse_intake

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# The sample intake of the README: the worked example of docs/clinical-basis.md, section 8.
SAMPLE = worked_example.INTAKE
README_FIRST_CANDIDATE = {
    "slug": "microneedling",
    "family": "microneedling",
    "family_name": "Microneedling",
    "name": "Microneedling (collagen induction therapy)",
    "intensity": "light–moderate",
    "intensity_rank": 4,
    "ablative": False,
    "score": 5,
    "top_match": True,
    "downtime_days": [1, 3],
    "sessions": [3, 6],
    "fees": [200, 700],
    "course_fees": [600, 4200],
    "fee_kind": "typical",
}
PREGNANT = {
    "fitzpatrick": 2,
    "concerns": ["texture_tone"],
    "max_downtime_days": 28,
    "health": {"pregnant_or_breastfeeding": True},
}
LIGHT_ONLY = {"fitzpatrick": 1, "concerns": ["fine_lines_wrinkles"], "max_downtime_days": 0}


def run_with_stdin(text):
    out = io.StringIO()
    call_command("recommend", "-", stdin=io.StringIO(text), stdout=out)
    return json.loads(out.getvalue())


def run_with_file(path):
    out = io.StringIO()
    call_command("recommend", str(path), stdout=out)
    return json.loads(out.getvalue())


def expected_for(data):
    return recommend(parse_intake(data), load_catalog())


# --- Output ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_single_object_from_a_file_gives_one_result_object(tmp_path):
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(SAMPLE), encoding="utf-8")

    assert run_with_file(path) == expected_for(SAMPLE)


@pytest.mark.django_db
def test_single_object_from_stdin_gives_one_result_object():
    assert run_with_stdin(json.dumps(SAMPLE)) == expected_for(SAMPLE)


@pytest.mark.django_db
def test_batch_array_gives_an_array_of_results_in_the_same_order():
    batch = [SAMPLE, PREGNANT, LIGHT_ONLY]

    result = run_with_stdin(json.dumps(batch))

    assert result == [expected_for(item) for item in batch]


@pytest.mark.django_db
def test_empty_batch_gives_an_empty_array():
    assert run_with_stdin("[]") == []


@pytest.mark.django_db
def test_readme_sample_gives_the_worked_example_order():
    result = run_with_stdin(json.dumps(SAMPLE))

    assert [(c["slug"], c["score"], len(c["cautions"])) for c in result["candidates"]] == (
        worked_example.CANDIDATES
    )
    assert [(e["slug"], len(e["reasons"])) for e in result["excluded"]] == (worked_example.EXCLUDED)


@pytest.mark.django_db
def test_readme_sample_first_candidate_matches_the_readme_output():
    first = run_with_stdin(json.dumps(SAMPLE))["candidates"][0]

    assert {key: first[key] for key in README_FIRST_CANDIDATE} == README_FIRST_CANDIDATE
    assert [(c["code"], c["text"]) for c in first["cautions"]] == [
        (
            "health:cold_sore_history",
            "Cold sores: ask your provider about antiviral tablets before treatment. "
            "Discuss this with a qualified professional.",
        )
    ]
    assert first["reasons"][0]["text"].startswith(
        "Acne scars: among the best options (3 of 3). Consistent improvement of "
    )
    assert first["reasons"][1]["text"].startswith(
        "Large pores: a good option (2 of 3). Dermatologists list large pores "
    )


@pytest.mark.django_db
def test_readme_sample_excludes_fully_ablative_laser_for_the_readme_reasons():
    excluded = {e["slug"]: e for e in run_with_stdin(json.dumps(SAMPLE))["excluded"]}
    laser = excluded["laser-ablative"]

    assert laser["name"] == "Fully ablative laser resurfacing"
    assert laser["reasons"][0]["text"].startswith(
        "Not suggested for skin type IV: this treatment carries a high risk of "
    )
    assert laser["reasons"][1]["text"] == (
        "Recovery takes at least 10 days, more than the 7 days you can accept."
    )


@pytest.mark.django_db
def test_readme_sample_summary_and_notice():
    result = run_with_stdin(json.dumps(SAMPLE))

    assert result["summary"].startswith("6 treatments may suit your answers; 3 were ruled out.")
    assert result["notice"].startswith("These suggestions are general information")
    assert "consult a qualified professional" in result["notice"]


@pytest.mark.django_db
def test_inactive_treatment_is_never_suggested_nor_listed():
    treatment = Treatment.objects.get(slug="microneedling")
    treatment.is_active = False
    treatment.save()  # as staff do in the admin, which also refreshes the cached catalog

    result = run_with_stdin(json.dumps(SAMPLE))

    listed = [entry["slug"] for entry in result["candidates"] + result["excluded"]]
    assert "microneedling" not in listed


@pytest.mark.django_db
def test_non_ascii_text_is_written_as_is():
    out = io.StringIO()
    call_command("recommend", "-", stdin=io.StringIO(json.dumps(SAMPLE)), stdout=out)

    assert "—" in out.getvalue()  # the notice's dash, not "\u2014"


# --- Errors ----------------------------------------------------------------------------------


def rejected(source, stdin_text=""):
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("recommend", source, stdin=io.StringIO(stdin_text), stdout=out)
    return caught.value, out.getvalue()


ERRORS = [
    pytest.param("{not json", "malformed JSON at line 1, column 2", id="malformed-json"),
    pytest.param("", "malformed JSON", id="empty-input"),
    pytest.param(json.dumps({**SAMPLE, "concerns": ["wrinkles"]}), "concerns:", id="concern"),
    pytest.param(
        json.dumps({**SAMPLE, "health": {"smoker": True}}), "health.smoker:", id="unknown-flag"
    ),
    pytest.param(json.dumps({**SAMPLE, "fitzpatrick": 7}), "fitzpatrick:", id="out-of-range"),
    pytest.param(
        json.dumps({**SAMPLE, "max_downtime_days": "7"}), "max_downtime_days:", id="wrong-type"
    ),
    pytest.param(json.dumps({**SAMPLE, "concerns": []}), "concerns:", id="empty-concerns"),
    pytest.param(json.dumps({**SAMPLE, "age": 40}), "age:", id="unknown-field"),
    pytest.param(json.dumps("intake"), "must be a JSON object", id="not-an-object"),
    pytest.param(
        json.dumps([SAMPLE, {**SAMPLE, "fitzpatrick": 0}]), "[1].fitzpatrick:", id="batch-item"
    ),
    pytest.param(json.dumps([SAMPLE, 42]), "[1]:", id="batch-item-not-an-object"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("stdin_text", "expected"), ERRORS)
def test_bad_input_is_a_command_error_with_exit_status_2(stdin_text, expected):
    error, _ = rejected("-", stdin_text)

    assert error.returncode == 2
    assert expected in str(error)


@pytest.mark.django_db
@pytest.mark.parametrize(("stdin_text", "expected"), ERRORS)
def test_bad_input_writes_nothing_to_stdout(stdin_text, expected):
    _, stdout = rejected("-", stdin_text)

    assert stdout == ""


@pytest.mark.django_db
@pytest.mark.parametrize(("stdin_text", "expected"), ERRORS)
def test_bad_input_error_is_one_line(stdin_text, expected):
    error, _ = rejected("-", stdin_text)

    assert len(str(error).splitlines()) == 1


@pytest.mark.django_db
def test_invalid_intake_errors_say_so():
    error, _ = rejected("-", json.dumps({**SAMPLE, "fitzpatrick": 7}))

    assert str(error) == "invalid intake: fitzpatrick: must be a whole number from 1 to 6, got 7"


@pytest.mark.django_db
def test_one_bad_item_rejects_the_whole_batch():
    _, stdout = rejected("-", json.dumps([SAMPLE, SAMPLE, {**SAMPLE, "concerns": []}]))

    assert stdout == ""


@pytest.mark.django_db
def test_concern_that_is_a_list_is_an_invalid_intake_error():
    error, stdout = rejected("-", json.dumps({**SAMPLE, "concerns": [["acne_scars"]]}))

    assert error.returncode == 2
    assert "concerns:" in str(error)
    assert stdout == ""


def test_missing_file_is_a_command_error_with_exit_status_2(tmp_path):
    error, stdout = rejected(str(tmp_path / "missing.json"))

    assert error.returncode == 2
    assert str(error) == f"cannot read {tmp_path / 'missing.json'}: No such file or directory"
    assert stdout == ""


def test_file_that_is_not_utf8_is_a_command_error_with_exit_status_2(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"concerns": ["acné"]}'.encode("latin-1"))

    error, stdout = rejected(str(path))

    assert error.returncode == 2
    assert "not UTF-8" in str(error)
    assert stdout == ""


def test_malformed_json_file_is_a_command_error_with_exit_status_2(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"fitzpatrick": 4,\n  "concerns": }', encoding="utf-8")

    error, _ = rejected(str(path))

    assert error.returncode == 2
    assert str(error).startswith("malformed JSON at line 2, column")


# --- As a real process -----------------------------------------------------------------------


def run_process(stdin_text):
    # Only inputs that fail before the database is touched: the process has no test database.
    return subprocess.run(
        [sys.executable, "manage.py", "recommend", "-"],
        input=stdin_text,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=60,
    )


@pytest.mark.parametrize(
    "stdin_text",
    [
        pytest.param("{not json", id="malformed-json"),
        pytest.param(json.dumps({**SAMPLE, "fitzpatrick": 0}), id="invalid-fitzpatrick"),
    ],
)
def test_process_exits_2_with_one_line_on_stderr_and_nothing_on_stdout(stdin_text):
    process = run_process(stdin_text)

    assert process.returncode == 2
    assert process.stdout == ""
    assert len(process.stderr.splitlines()) == 1
    assert process.stderr.startswith("CommandError: ")


def test_process_prints_the_readme_error_example():
    process = run_process(
        '{"fitzpatrick": 7, "concerns": ["acne_scars"], "max_downtime_days": 3}\n'
    )

    assert process.stderr == (
        "CommandError: invalid intake: fitzpatrick: must be a whole number from 1 to 6, got 7\n"
    )
