"""Moving through the questionnaire: start, Next, Back, resuming and the draft's lifetime."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.utils import timezone

from intake.drafts import COMPLETE_KEY, SESSION_KEY
from tests.intake.helpers import (
    HOME_URL,
    REVIEW_URL,
    START_URL,
    STEP_SLUGS,
    WORKED_EXAMPLE,
    answer_steps,
    answers,
    assert_shows_answers,
    questionnaire_answers,
    step_url,
)
from tests.intake.markup import parse

pytestmark = pytest.mark.django_db

NEXT_AFTER = {
    "concerns": step_url("skin-type"),
    "skin-type": step_url("recovery"),
    "recovery": step_url("health"),
    "health": step_url("contact"),
    "contact": REVIEW_URL,
}


def previous_slug(slug):
    return STEP_SLUGS[STEP_SLUGS.index(slug) - 1]


def test_the_home_page_links_to_the_questionnaire(client):
    page = parse(client.get(HOME_URL))

    assert page.find("a", href=START_URL) is not None


def test_the_questionnaire_starts_at_the_first_step(client):
    response = client.get(START_URL)

    assert response.status_code == 302
    assert response["Location"] == step_url("concerns")


def test_a_step_page_says_which_step_it_is_of_how_many(client):
    answer_steps(client, through="skin-type")

    page = parse(client.get(step_url("recovery")))

    assert page.by_id("progress-label").text == "Step 3 of 5"
    assert page.find("h1").text == "Recovery time"


@pytest.mark.parametrize("slug", STEP_SLUGS)
def test_next_on_a_valid_step_goes_to_the_following_one(client, slug):
    if slug != STEP_SLUGS[0]:
        answer_steps(client, through=previous_slug(slug))

    response = client.post(step_url(slug), {**WORKED_EXAMPLE[slug], "next": ""})

    assert response.status_code == 302
    assert response["Location"] == NEXT_AFTER[slug]


def test_the_whole_flow_leads_from_the_start_to_the_results_page(client):
    response = client.get(START_URL, follow=True)
    for slug in STEP_SLUGS:
        assert response.request["PATH_INFO"] == step_url(slug)
        response = client.post(step_url(slug), {**WORKED_EXAMPLE[slug], "next": ""}, follow=True)
    assert response.request["PATH_INFO"] == REVIEW_URL

    response = client.post(REVIEW_URL, follow=True)

    assert response.status_code == 200
    assert response.request["PATH_INFO"].startswith("/intake/results/")
    assert parse(response).find("h1").text == "Your results"


@pytest.mark.parametrize("slug", STEP_SLUGS[1:])
def test_back_returns_to_the_previous_step(client, slug):
    answer_steps(client, through=previous_slug(slug))

    response = client.post(step_url(slug), {"back": "1"})

    assert response.status_code == 302
    assert response["Location"] == step_url(previous_slug(slug))


def test_back_on_the_first_step_returns_to_the_home_page(client):
    response = client.post(step_url("concerns"), {"back": "1"})

    assert response.status_code == 302
    assert response["Location"] == HOME_URL


def test_back_keeps_the_answers_of_the_step_you_leave(client):
    answer_steps(client, through="concerns")
    client.post(step_url("skin-type"), {**WORKED_EXAMPLE["skin-type"], "back": "1"})

    response = client.get(step_url("skin-type"))

    assert_shows_answers(response, WORKED_EXAMPLE["skin-type"])


def test_going_back_shows_the_answers_of_the_earlier_step(client):
    answer_steps(client, through="skin-type")

    response = client.get(step_url("concerns"))

    assert_shows_answers(response, WORKED_EXAMPLE["concerns"])


def test_going_forward_again_still_shows_the_answers_of_the_later_step(client):
    answer_steps(client, through="skin-type")
    client.post(step_url("skin-type"), {**WORKED_EXAMPLE["skin-type"], "back": "1"})

    response = client.post(step_url("concerns"), {**WORKED_EXAMPLE["concerns"], "next": ""})
    assert response["Location"] == step_url("skin-type")

    assert_shows_answers(client.get(step_url("skin-type")), WORKED_EXAMPLE["skin-type"])


def test_back_on_an_invalid_step_still_saves_what_was_entered(client):
    answer_steps(client, through="concerns")
    half_done = {"method": "questionnaire", "eye_colour": "3", "hair_colour": "1"}

    response = client.post(step_url("skin-type"), {**half_done, "back": "1"})
    assert response["Location"] == step_url("concerns")

    assert_shows_answers(client.get(step_url("skin-type")), half_done)


def test_back_on_the_first_step_still_saves_what_was_entered(client):
    client.post(step_url("concerns"), {"concerns": ["texture_tone"], "back": "1"})

    assert_shows_answers(client.get(step_url("concerns")), {"concerns": ["texture_tone"]})


def test_an_invalid_next_still_saves_what_was_entered(client):
    answer_steps(client, through="recovery")
    some = {"cold_sore_history": "yes", "immunosuppressed": "no"}
    client.post(step_url("health"), {**some, "next": ""})

    assert_shows_answers(client.get(step_url("health")), some)


QUESTIONNAIRE_PATH = answers(skin_type=questionnaire_answers(23))


@pytest.mark.parametrize(
    ("all_answers", "slug"),
    [pytest.param(WORKED_EXAMPLE, slug, id=slug) for slug in STEP_SLUGS]
    + [pytest.param(QUESTIONNAIRE_PATH, "skin-type", id="skin-type-questionnaire")],
)
def test_every_answer_of_a_finished_step_is_shown_when_you_come_back(client, all_answers, slug):
    answer_steps(client, all_answers)

    response = client.get(step_url(slug))

    assert_shows_answers(response, all_answers[slug])


def test_unticking_a_box_is_remembered(client):
    answer_steps(client)
    unticked = {**WORKED_EXAMPLE["contact"]}
    del unticked["followup_opt_in"]
    client.post(step_url("contact"), {**unticked, "back": "1"})

    page = parse(client.get(step_url("contact")))

    assert page.checked("followup_opt_in") == []


def test_a_reopened_tab_resumes_at_the_first_unfinished_step(client):
    answer_steps(client, through="skin-type")
    reopened = Client()
    reopened.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[
        settings.SESSION_COOKIE_NAME
    ].value

    response = reopened.get(START_URL)

    assert response.status_code == 302
    assert response["Location"] == step_url("recovery")


def test_a_reopened_tab_still_has_the_answers_given(client):
    answer_steps(client, through="skin-type")
    reopened = Client()
    reopened.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[
        settings.SESSION_COOKIE_NAME
    ].value

    assert_shows_answers(reopened.get(step_url("concerns")), WORKED_EXAMPLE["concerns"])
    assert_shows_answers(reopened.get(step_url("skin-type")), WORKED_EXAMPLE["skin-type"])


def test_a_finished_questionnaire_resumes_at_the_review(client):
    answer_steps(client)

    response = client.get(START_URL)

    assert response["Location"] == REVIEW_URL


def test_the_session_cookie_outlives_the_browser_window(client):
    # A cookie without max-age dies with the browser; the draft must survive a closed tab.
    response = client.post(step_url("concerns"), {**WORKED_EXAMPLE["concerns"], "next": ""})

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.INTAKE_DRAFT_MAX_AGE


@pytest.mark.parametrize(
    ("answered_through", "target", "expected"),
    [
        (None, step_url("skin-type"), step_url("concerns")),
        (None, step_url("contact"), step_url("concerns")),
        ("concerns", step_url("health"), step_url("skin-type")),
        ("skin-type", step_url("contact"), step_url("recovery")),
        (None, REVIEW_URL, step_url("concerns")),
        ("health", REVIEW_URL, step_url("contact")),
    ],
)
def test_jumping_ahead_redirects_to_the_first_incomplete_step(
    client, answered_through, target, expected
):
    if answered_through:
        answer_steps(client, through=answered_through)

    response = client.get(target)

    assert response.status_code == 302
    assert response["Location"] == expected


def test_posting_to_a_later_step_neither_skips_nor_saves_it(client):
    answer_steps(client, through="concerns")

    response = client.post(step_url("health"), {**WORKED_EXAMPLE["health"], "next": ""})

    assert response["Location"] == step_url("skin-type")
    assert "health" not in client.session[SESSION_KEY]


def test_a_step_made_invalid_again_blocks_the_steps_after_it(client):
    answer_steps(client, through="recovery")
    client.post(step_url("concerns"), {"back": "1"})  # unticks every concern

    response = client.get(step_url("health"))

    assert response["Location"] == step_url("concerns")


def test_a_draft_saved_before_steps_were_marked_complete_resumes_where_it_stopped(client):
    answer_steps(client, through="skin-type")
    session = client.session
    del session[COMPLETE_KEY]  # as a draft saved by the previous release
    session.save()

    response = client.get(START_URL)

    assert response["Location"] == step_url("recovery")


def test_an_unknown_step_is_not_found(client):
    assert client.get(step_url("shoe-size")).status_code == 404


def test_saving_a_step_makes_the_draft_expire_after_the_configured_age(client):
    client.post(step_url("concerns"), {**WORKED_EXAMPLE["concerns"], "next": ""})

    assert client.session.get_expiry_age() == settings.INTAKE_DRAFT_MAX_AGE


@override_settings(INTAKE_DRAFT_MAX_AGE=90 * 60)
def test_the_draft_expiry_follows_the_setting(client):
    client.post(step_url("concerns"), {**WORKED_EXAMPLE["concerns"], "next": ""})

    assert client.session.get_expiry_age() == 90 * 60


def test_an_expired_draft_is_forgotten(client):
    answer_steps(client, through="recovery")
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    response = client.get(START_URL)

    assert response["Location"] == step_url("concerns")
    assert parse(client.get(step_url("concerns"))).checked("concerns") == []
