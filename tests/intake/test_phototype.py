"""The skin type: estimated from the Fitzpatrick questionnaire, or stated by the patient.

Scoring (Fitzpatrick 1988, ten-item self-assessment): each answer 0-4, and the total maps to
a type: 0-6 I, 7-13 II, 14-20 III, 21-27 IV, 28-34 V, 35-40 VI.
"""

import pytest

from intake import phototype
from intake.forms import SkinTypeForm
from intake.models import Intake
from tests.intake.helpers import (
    answers,
    questionnaire_answers,
    questionnaire_scores,
    stated_answers,
    submit_questionnaire,
)

BOUNDARIES = [
    (0, 1), (6, 1),
    (7, 2), (13, 2),
    (14, 3), (20, 3),
    (21, 4), (27, 4),
    (28, 5), (34, 5),
    (35, 6), (40, 6),
]  # fmt: skip


def test_the_questionnaire_has_ten_questions_of_five_answers_each():
    assert len(phototype.QUESTIONS) == 10
    assert all(len(options) == 5 for _, options in phototype.QUESTIONS.values())


@pytest.mark.parametrize(("total", "expected_type"), BOUNDARIES)
def test_the_total_score_maps_to_the_fitzpatrick_type(total, expected_type):
    scores = questionnaire_scores(total)

    assert phototype.score(scores) == total
    assert phototype.skin_type(scores) == expected_type


def test_an_unanswered_question_cannot_be_scored():
    scores = questionnaire_scores(20)
    del scores["freckles"]

    with pytest.raises(ValueError, match="freckles"):
        phototype.skin_type(scores)


def test_a_score_above_forty_is_out_of_range():
    scores = {**questionnaire_scores(40), "eye_colour": 5}

    with pytest.raises(ValueError, match="out of range"):
        phototype.skin_type(scores)


@pytest.mark.parametrize(("total", "expected_type"), BOUNDARIES)
def test_the_form_estimates_the_type_from_the_questionnaire(total, expected_type):
    form = SkinTypeForm(questionnaire_answers(total))

    assert form.is_valid(), form.errors
    assert form.answers() == {
        "fitzpatrick": expected_type,
        "skin_type_source": "questionnaire",
        "phototype_score": total,
    }


@pytest.mark.parametrize("fitzpatrick", range(1, 7))
def test_the_form_takes_a_stated_type_as_given(fitzpatrick):
    form = SkinTypeForm(stated_answers(fitzpatrick))

    assert form.is_valid(), form.errors
    assert form.answers() == {
        "fitzpatrick": fitzpatrick,
        "skin_type_source": "stated",
        "phototype_score": None,
    }


def test_a_stated_type_ignores_questionnaire_answers_left_on_the_page():
    # Without JavaScript both sections are on the page; only the chosen method counts.
    form = SkinTypeForm({**questionnaire_answers(2), **stated_answers(5)})

    assert form.is_valid(), form.errors
    assert form.answers()["fitzpatrick"] == 5
    assert form.answers()["skin_type_source"] == "stated"


def test_a_stated_type_outside_one_to_six_is_refused():
    form = SkinTypeForm(stated_answers(7))

    assert not form.is_valid()
    assert "stated_type" in form.errors


@pytest.mark.django_db
def test_a_submitted_questionnaire_stores_the_estimated_type_and_the_score(client):
    submit_questionnaire(client, answers(skin_type=questionnaire_answers(27)))

    intake = Intake.objects.get()
    assert (intake.fitzpatrick, intake.skin_type_source, intake.phototype_score) == (
        4,
        "questionnaire",
        27,
    )


@pytest.mark.django_db
def test_a_submitted_stated_type_stores_no_score(client):
    submit_questionnaire(client, answers(skin_type=stated_answers(2)))

    intake = Intake.objects.get()
    assert (intake.fitzpatrick, intake.skin_type_source, intake.phototype_score) == (
        2,
        "stated",
        None,
    )
