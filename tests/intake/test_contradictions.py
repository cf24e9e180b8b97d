"""Answers that contradict an earlier one are pointed out before the review: strong sun, a
sunbed or tanning cream less than 2 weeks ago (skin-type questionnaire) beside "no" to recent
sun or a tan (health step) is refused with the earlier answer quoted and a link to change it,
until the patient answers yes or changes the earlier answer. The review refuses to submit while
a contradiction stands and sends the patient back to the health step."""

import pytest

from intake import forms, steps
from intake.models import Intake
from tests.intake.helpers import (
    REVIEW_URL,
    WORKED_EXAMPLE,
    answer_steps,
    answers,
    error_summary_text,
    health_answers,
    questionnaire_answers,
    stated_answers,
    step_url,
)
from tests.intake.markup import parse

pytestmark = pytest.mark.django_db

TAN = "recent_sun_exposure_or_tan"
EARLIER_QUESTION = "When did you last expose your body to strong sun, a sunbed or tanning cream?"


def sun_less_than_2_weeks_ago():
    """The skin-type questionnaire answered, the last strong sun less than 2 weeks ago."""
    return {**questionnaire_answers(20), "last_sun": "4"}


def sun_a_month_ago():
    return {**questionnaire_answers(20), "last_sun": "2"}


RECENT_SUN = answers(skin_type=sun_less_than_2_weeks_ago())


def post_health(client, *yes):
    return client.post(step_url("health"), {**health_answers(*yes), "next": ""})


@pytest.fixture
def at_health(client):
    answer_steps(client, RECENT_SUN, through="recovery")
    return client


def test_no_to_recent_sun_after_strong_sun_less_than_2_weeks_ago_is_refused(at_health):
    response = post_health(at_health)

    assert response.status_code == 200
    assert "Less than 2 weeks ago" in error_summary_text(response)


def test_the_refusal_says_what_the_earlier_answer_was_beside_the_question(at_health):
    page = parse(post_health(at_health))

    error = page.by_id(f"id_{TAN}_error")
    assert f"you answered “Less than 2 weeks ago” to “{EARLIER_QUESTION}”" in error.text
    assert "Please answer “Yes”" in error.text


def test_the_refusal_links_to_the_earlier_answer_to_change_it(at_health):
    page = parse(post_health(at_health))

    link = page.find("a", href=f"{step_url('skin-type')}?return=review#id_last_sun_0")
    assert link is not None
    assert EARLIER_QUESTION in link.text


def test_yes_to_recent_sun_always_passes(at_health):
    response = post_health(at_health, TAN)

    assert response.status_code == 302
    assert response["Location"] == step_url("contact")


def test_changing_the_earlier_answer_lets_no_pass(at_health):
    post_health(at_health)
    changed = at_health.post(
        f"{step_url('skin-type')}?return=review", {**sun_a_month_ago(), "next": ""}
    )
    assert changed.status_code == 302

    response = post_health(at_health)

    assert response.status_code == 302
    assert response["Location"] == step_url("contact")


def test_questionnaire_answers_left_behind_a_stated_skin_type_do_not_count(client):
    # Without JavaScript both sections show: the questionnaire may be answered, then not used.
    ignored = {**sun_less_than_2_weeks_ago(), **stated_answers(4)}
    answer_steps(client, answers(skin_type=ignored), through="recovery")

    assert post_health(client).status_code == 302


def test_the_other_answers_on_the_health_step_are_kept_when_refused(at_health):
    post_health(at_health, "cold_sore_history")

    page = parse(at_health.get(step_url("health")))

    assert page.checked("cold_sore_history") == ["yes"]
    assert page.checked(TAN) == ["no"]


@pytest.fixture
def contradicted_since(client):
    """Every step answered, then the skin-type answer changed from the review to recent sun."""
    answer_steps(client, WORKED_EXAMPLE)
    response = client.post(
        f"{step_url('skin-type')}?return=review", {**sun_less_than_2_weeks_ago(), "next": ""}
    )
    assert response.status_code == 302
    return client


def test_the_review_sends_the_patient_back_to_the_health_step_while_a_contradiction_stands(
    contradicted_since,
):
    response = contradicted_since.get(REVIEW_URL)

    assert response.status_code == 302
    assert response["Location"] == step_url("health")


@pytest.mark.parametrize("button", ["save", "without_saving"])
def test_the_review_refuses_to_submit_while_a_contradiction_stands(contradicted_since, button):
    response = contradicted_since.post(REVIEW_URL, {button: ""})

    assert response.status_code == 302
    assert response["Location"] == step_url("health")
    assert not Intake.objects.exists()


def test_sent_back_to_the_health_step_the_patient_sees_why(contradicted_since):
    response = contradicted_since.get(step_url("health"))

    assert "Less than 2 weeks ago" in error_summary_text(response)


def test_answering_yes_then_lets_the_review_submit(contradicted_since):
    post_health(contradicted_since, TAN, "cold_sore_history")

    response = contradicted_since.post(REVIEW_URL, {"save": ""})

    assert response.status_code == 302
    assert Intake.objects.get().health[TAN] is True


@pytest.mark.parametrize("rule", forms.CONTRADICTIONS, ids=lambda rule: rule.field)
def test_every_contradiction_pairs_answers_the_questionnaire_can_give(rule):
    earlier = steps.BY_SLUG[rule.earlier_step]
    assert earlier.form_class is rule.earlier_form
    for name, value in rule.earlier_answers.items():
        assert rule.earlier_form.base_fields[name].valid_value(value), f"{name}={value}"
    later = [step for step in steps.STEPS if rule.field in step.form_class.base_fields]
    assert len(later) == 1, f"{rule.field} is on no step, or on several"
    assert steps.number(later[0]) > steps.number(earlier), "the earlier answer comes later"
    assert later[0].form_class.base_fields[rule.field].valid_value(rule.refused)
