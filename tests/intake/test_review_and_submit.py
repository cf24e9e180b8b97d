"""The review page, and what submitting stores."""

import pytest
from django.utils import timezone

from followups.models import FollowUp
from intake import consent
from intake.models import Intake
from intake.submission import submit
from tests.factories import form_answers
from tests.intake.helpers import (
    REVIEW_URL,
    START_URL,
    STEP_SLUGS,
    WORKED_EXAMPLE,
    WORKED_EXAMPLE_CANDIDATES,
    answer_steps,
    answers,
    questionnaire_answers,
    result_url,
    step_url,
    submit_questionnaire,
)
from tests.intake.markup import parse
from treatments.catalog import load_catalog
from treatments.rules import recommend
from treatments.validation import parse_intake
from treatments.vocabulary import HEALTH_FLAGS

pytestmark = pytest.mark.django_db


def review_page(client, all_answers=None):
    answer_steps(client, all_answers)
    response = client.get(REVIEW_URL)
    assert response.status_code == 200
    return parse(response)


def review_rows(page):
    """Review-list rows: term -> text of the answer (the Change link left out)."""
    rows = {}
    for item in page.find_all(class_="review-item"):
        term = item.find("dt").text
        rows[term] = item.find_all("dd")[0].text
    return rows


def test_the_review_lists_every_answer_in_plain_words(client):
    rows = review_rows(review_page(client))

    assert rows == {
        "Your skin concerns": "Acne scars, Large pores",
        "Your skin type": "Type IV (stated by the patient, as told by a professional)",
        "Recovery time you can accept": "Up to 1 week",
        "Health questions answered “yes”": HEALTH_FLAGS["cold_sore_history"][0],
        "Contact": "Ann · ann@example.com Follow-up emails: yes",
    }


def test_the_review_says_when_the_skin_type_was_estimated(client):
    rows = review_rows(review_page(client, answers(skin_type=questionnaire_answers(10))))

    assert rows["Your skin type"] == "Type II (estimated from the skin-type questionnaire)"


def test_the_review_has_a_change_link_for_every_step_that_returns_to_the_review(client):
    page = review_page(client)

    change_links = [a.get("href") for a in page.find_all("a") if a.text.startswith("Change")]
    assert change_links == [f"{step_url(slug)}?return=review" for slug in STEP_SLUGS]


def test_saving_a_step_reached_from_the_review_goes_back_to_the_review(client):
    review_page(client)

    response = client.post(f"{step_url('recovery')}?return=review", {"recovery": "up_to_2_weeks"})

    assert response.status_code == 302
    assert response.url == "/intake/review/"


def test_each_change_link_names_what_it_changes_for_screen_readers(client):
    page = review_page(client)

    names = [a.text for a in page.find_all("a") if a.text.startswith("Change")]
    assert len(set(names)) == len(STEP_SLUGS), f"ambiguous link texts: {names}"


def test_a_change_link_opens_the_step_with_its_answers(client):
    review_page(client)

    page = parse(client.get(step_url("recovery")))

    assert page.checked("recovery") == ["up_to_1_week"]


def test_submitting_stores_one_intake_with_the_answers(client):
    submit_questionnaire(client)

    intake = Intake.objects.get()
    assert intake.concerns == ["acne_scars", "large_pores"]
    assert (intake.fitzpatrick, intake.skin_type_source) == (4, "stated")
    assert (intake.recovery, intake.max_downtime_days) == ("up_to_1_week", 7)
    assert intake.health == {flag: flag == "cold_sore_history" for flag in HEALTH_FLAGS}
    assert (intake.name, intake.email) == ("Ann", "ann@example.com")
    assert intake.adult_confirmed is True
    assert intake.followup_opt_in is True
    assert intake.erased_at is None


def test_submitting_links_the_exact_consent_texts_agreed_to_and_the_time(client):
    before = timezone.now()

    submit_questionnaire(client)

    intake = Intake.objects.get()
    assert intake.consent_storage == consent.current(consent.STORAGE)
    assert intake.consent_health == consent.current(consent.HEALTH)
    assert before <= intake.consent_given_at <= timezone.now()


def test_submitting_stores_what_the_engine_recommended(client):
    submit_questionnaire(client)

    merged = form_answers(WORKED_EXAMPLE)
    engine_input = parse_intake(
        {name: merged[name] for name in ("fitzpatrick", "concerns", "max_downtime_days", "health")}
    )
    stored = Intake.objects.get().recommendation
    assert stored == {**recommend(engine_input, load_catalog()), "currency": "USD"}


def test_the_worked_example_of_the_clinical_basis_is_recommended(client):
    submit_questionnaire(client)

    recommendation = Intake.objects.get().recommendation
    assert [c["slug"] for c in recommendation["candidates"]] == WORKED_EXAMPLE_CANDIDATES
    assert {e["slug"] for e in recommendation["excluded"]} == {
        "dermabrasion",
        "chemical-peel-deep",
        "laser-ablative",
    }


def test_submitting_redirects_to_the_results_page_of_the_new_intake(client):
    response = submit_questionnaire(client)

    assert response.status_code == 302
    assert response["Location"] == result_url(Intake.objects.get())


def test_the_results_token_is_long_random_and_not_the_id(client):
    submit_questionnaire(client)
    submit_questionnaire(client)

    first, second = Intake.objects.order_by("pk")
    assert len(first.token) >= 32
    assert first.token != second.token
    assert first.token != str(first.pk)
    assert not first.token.isdigit()


def test_submitting_clears_the_draft(client):
    submit_questionnaire(client)

    assert client.get(START_URL)["Location"] == step_url("concerns")
    assert parse(client.get(step_url("concerns"))).checked("concerns") == []


def test_submitting_twice_does_not_store_a_second_intake(client):
    submit_questionnaire(client)

    response = client.post(REVIEW_URL)

    assert response["Location"] == result_url(Intake.objects.get())
    assert Intake.objects.count() == 1


def draft_kept_after_submitting(client):
    """Submit, then put the draft back: as when the intake was stored but clearing the draft
    (the session) failed, and the patient, shown an error, submits again."""
    answer_steps(client)
    draft = dict(client.session.items())
    first = client.post(REVIEW_URL)
    session = client.session
    session.update(draft)
    session.save()
    return first


def test_a_draft_submitted_again_after_an_error_is_stored_once(client):
    first = draft_kept_after_submitting(client)

    again = client.post(REVIEW_URL)

    assert again["Location"] == first["Location"]
    assert Intake.objects.count() == 1


def test_a_draft_submitted_again_after_an_error_schedules_its_follow_ups_once(client):
    draft_kept_after_submitting(client)

    client.post(REVIEW_URL)

    assert FollowUp.objects.count() == len(FollowUp.objects.values("kind").distinct())


def test_a_new_questionnaire_after_a_submission_is_stored_as_a_new_intake(client):
    submit_questionnaire(client)

    submit_questionnaire(client)

    assert Intake.objects.count() == 2


def test_a_submission_key_stored_already_returns_that_intake_instead_of_a_new_one(client):
    answers = form_answers(WORKED_EXAMPLE)
    first = submit(answers, submission_key="same-draft")

    second = submit(answers, submission_key="same-draft")

    assert second.pk == first.pk
    assert Intake.objects.count() == 1


def test_an_unfinished_questionnaire_cannot_be_submitted(client):
    answer_steps(client, through="health")

    response = client.post(REVIEW_URL)

    assert response["Location"] == step_url("contact")
    assert not Intake.objects.exists()


def test_no_personal_data_ever_appears_in_a_url(client):
    """Name and email stay out of redirects, links and form targets on every page."""
    secret_name, secret_email = "Zephyrine", "zephyrine.q@example.org"
    all_answers = answers(contact={**WORKED_EXAMPLE["contact"], "name": secret_name,
                                   "email": secret_email})  # fmt: skip
    urls = []

    response = client.get(START_URL, follow=True)
    urls += [url for url, _ in response.redirect_chain] + parse(response).urls()
    for slug in STEP_SLUGS:
        response = client.post(step_url(slug), {**all_answers[slug], "next": ""}, follow=True)
        urls += [url for url, _ in response.redirect_chain] + parse(response).urls()
    response = client.post(REVIEW_URL, follow=True)
    urls += [url for url, _ in response.redirect_chain] + parse(response).urls()
    results_path = response.request["PATH_INFO"]
    urls += parse(client.get(f"{results_path}delete/")).urls()

    assert results_path.startswith("/intake/results/")
    leaking = [url for url in urls if any(
        secret in url.lower() for secret in (secret_name.lower(), "zephyrine", "example.org")
    )]  # fmt: skip
    assert leaking == []
