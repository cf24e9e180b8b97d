"""Every invalid answer is explained twice: next to its field, and in the summary at the top.

The summary (id="error-summary") links to the field, and nothing the patient entered is lost.
"""

import pytest

from tests.intake.helpers import (
    STEP_SLUGS,
    WORKED_EXAMPLE,
    answer_steps,
    assert_shows_answers,
    step_url,
)
from tests.intake.markup import parse
from treatments.vocabulary import HEALTH_FLAGS

pytestmark = pytest.mark.django_db

CONTACT = WORKED_EXAMPLE["contact"]
QUESTIONNAIRE_STARTED = {"method": "questionnaire", "eye_colour": "2", "hair_colour": "4"}
HEALTH_STARTED = {
    "health_consent": "on",
    "pregnant_or_breastfeeding": "no",
    "cold_sore_history": "yes",
}


def without(data, *names):
    return {name: value for name, value in data.items() if name not in names}


class Case:
    """One invalid answer: the step, what is posted, the field in error and its message."""

    def __init__(self, slug, posted, field, message):
        self.slug, self.posted, self.field, self.message = slug, posted, field, message


CASES = {
    "concerns-none-chosen": Case(
        "concerns", {}, "concerns", "Choose at least one concern."
    ),
    "skin-type-method-missing": Case(
        "skin-type", {}, "method", "This field is required."
    ),
    "skin-type-stated-without-a-type": Case(
        "skin-type", {"method": "stated"}, "stated_type", "Choose the skin type you were told."
    ),
    "skin-type-questionnaire-unanswered": Case(
        "skin-type", QUESTIONNAIRE_STARTED, "skin_colour", "Please answer this question."
    ),
    "recovery-missing": Case(
        "recovery", {}, "recovery", "Choose how much recovery time you can accept."
    ),
    "health-unanswered-flag": Case(
        "health", HEALTH_STARTED, "isotretinoin_recent", "Please answer yes or no."
    ),
    "contact-adult-not-confirmed": Case(
        "contact",
        without(CONTACT, "adult_confirmed"),
        "adult_confirmed",
        "This tool is for adults only. Please confirm you are 18+.",
    ),
    "contact-consent-missing": Case(
        "contact",
        without(CONTACT, "consent"),
        "consent",
        "Emails need your answers stored: agree to that above, or untick the emails.",
    ),
    "contact-opt-in-without-email": Case(
        "contact",
        {**CONTACT, "email": ""},
        "email",
        "Enter your email address to receive follow-up emails.",
    ),
    "contact-invalid-email": Case(
        "contact", {**CONTACT, "email": "ann.example.com"}, "email", "Enter a valid email address."
    ),
}  # fmt: skip
ALL_CASES = pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
# The cases where something was entered, which must be shown again.
CASES_WITH_ANSWERS = {name: case for name, case in CASES.items() if case.posted}


def post_invalid(client, case):
    index = STEP_SLUGS.index(case.slug)
    if index:
        answer_steps(client, through=STEP_SLUGS[index - 1])
    return client.post(step_url(case.slug), {**case.posted, "next": ""})


@ALL_CASES
def test_an_invalid_step_is_shown_again_instead_of_moving_on(client, case):
    response = post_invalid(client, case)

    assert response.status_code == 200
    assert response.request["PATH_INFO"] == step_url(case.slug)


@ALL_CASES
def test_the_message_is_shown_next_to_the_field(client, case):
    page = parse(post_invalid(client, case))

    message = page.by_id(f"id_{case.field}_error")
    assert message is not None, f"no inline message for {case.field}"
    assert message.text == case.message
    assert page.by_id(f"div_id_{case.field}").contains(message)


@ALL_CASES
def test_the_field_in_error_is_marked_invalid_for_assistive_technology(client, case):
    page = parse(post_invalid(client, case))

    field = page.by_id(f"div_id_{case.field}")
    controls = field.find_all("input") + field.find_all("select")
    assert controls
    assert all(control.get("aria-invalid") == "true" for control in controls)


@ALL_CASES
def test_the_message_is_in_the_error_summary_at_the_top(client, case):
    page = parse(post_invalid(client, case))

    summary = page.by_id("error-summary")
    assert summary is not None
    assert case.message in summary.text
    form = page.by_id("step-form")
    everything = list(page.iter())
    assert everything.index(summary) < everything.index(form), "summary is below the form"


@ALL_CASES
def test_the_summary_links_to_the_field_in_error(client, case):
    page = parse(post_invalid(client, case))

    links = {
        a.get("href"): a.text
        for a in page.by_id("error-summary").find_all("a")
        if (page.by_id(a.get("href").removeprefix("#")) or page).get("name") == case.field
    }
    assert len(links) == 1, f"no single summary link to the {case.field} field: {links}"
    (href, text), *_ = links.items()
    assert page.by_id(href[1:]).tag in ("input", "select", "textarea")
    assert case.message in text


@ALL_CASES
def test_every_summary_link_points_to_an_element_on_the_page(client, case):
    page = parse(post_invalid(client, case))

    hrefs = [a.get("href") for a in page.by_id("error-summary").find_all("a")]
    assert hrefs
    assert all(href.startswith("#") and page.by_id(href[1:]) is not None for href in hrefs)


@pytest.mark.parametrize("case", CASES_WITH_ANSWERS.values(), ids=CASES_WITH_ANSWERS.keys())
def test_the_answers_given_are_kept_when_the_step_is_invalid(client, case):
    response = post_invalid(client, case)

    assert_shows_answers(response, case.posted)


def test_a_valid_page_has_no_error_summary(client):
    page = parse(client.get(step_url("concerns")))

    assert page.by_id("error-summary") is None


def test_every_unanswered_skin_type_question_gets_its_own_message(client):
    answer_steps(client, through="concerns")

    page = parse(client.post(step_url("skin-type"), {**QUESTIONNAIRE_STARTED, "next": ""}))

    unanswered = {"skin_colour", "freckles", "sunburn", "tan_depth", "tan_speed",
                  "face_sensitivity", "last_sun", "face_sun_habit"}  # fmt: skip
    with_message = {
        name
        for name in unanswered | {"eye_colour", "hair_colour"}
        if page.by_id(f"id_{name}_error") is not None
    }
    assert with_message == unanswered
    assert len(page.by_id("error-summary").find_all("a")) == len(unanswered)


def test_every_unanswered_health_question_gets_its_own_message(client):
    answer_steps(client, through="recovery")

    page = parse(client.post(step_url("health"), {**HEALTH_STARTED, "next": ""}))

    unanswered = set(HEALTH_FLAGS) - set(HEALTH_STARTED)
    assert {flag for flag in HEALTH_FLAGS if page.by_id(f"id_{flag}_error")} == unanswered
    assert len(page.by_id("error-summary").find_all("a")) == len(unanswered)


def test_a_stated_type_needs_no_questionnaire_answers(client):
    answer_steps(client, through="concerns")

    response = client.post(step_url("skin-type"), {"method": "stated", "stated_type": "3"})

    assert response.status_code == 302


def test_email_is_optional_without_follow_up_emails(client):
    answer_steps(client, through="health")
    posted = without(CONTACT, "email", "followup_opt_in", "name")

    response = client.post(step_url("contact"), {**posted, "next": ""})

    assert response.status_code == 302
