"""The questionnaire and an intake's pages in the patient's language (English or Spanish): the
browser's Accept-Language chooses it, the header's switch changes it (keeping what was typed on a
questionnaire step), an intake remembers the language it was answered in and its pages open in
it, and staff see that language on the intake's page and in the CSV export.

The Spanish texts asserted are the translations of locale/es/LC_MESSAGES/django.po.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from intake.models import Intake
from tests.factories import make_intake
from tests.intake.helpers import (
    HOME_URL,
    REVIEW_URL,
    STEP_SLUGS,
    WORKED_EXAMPLE,
    answer_steps,
    assert_shows_answers,
    export_selected,
    read_csv,
    result_url,
    step_url,
    submit_questionnaire,
)
from tests.intake.markup import parse
from tests.staff.helpers import change_url

pytestmark = pytest.mark.django_db

SET_LANGUAGE_URL = reverse("set_language")

# The first step's title and its Next button, in each language (django.po).
CONCERNS_TITLE = {"en": "Your skin concerns", "es": "Lo que le preocupa de su piel"}
NEXT = {"en": "Next", "es": "Siguiente"}
RESULTS_TITLE = {"en": "Your results", "es": "Sus resultados"}
DELETE_TITLE = {
    "en": "Delete your answers and results?",
    "es": "¿Eliminar sus respuestas y resultados?",
}
LANGUAGE_NAMES = {"en": "English", "es": "Español"}

# Answers to the contact step a patient has only begun: a name typed, nothing ticked.
UNFINISHED_CONTACT = {"name": "Ana", "email": "", "adult_confirmed": "", "consent": ""}


def heading(response):
    assert response.status_code == 200, response.status_code
    return parse(response).find("h1").text


def page_language(response):
    return parse(response).find("html").get("lang")


def in_spanish(client):
    """The client after choosing Spanish with the header's switch (the language cookie)."""
    response = client.post(SET_LANGUAGE_URL, {"language": "es", "next": HOME_URL})
    assert response.status_code == 302
    return client


def spanish_intake(**answers):
    """An intake submitted while the patient's language was Spanish."""
    with translation.override("es"):
        return make_intake(steps=WORKED_EXAMPLE, **answers)


def english_intake(**answers):
    with translation.override("en"):
        return make_intake(steps=WORKED_EXAMPLE, **answers)


def switch_buttons(response):
    """The header's language buttons: {language code: the button}."""
    page = parse(response)
    return {button.get("value"): button for button in page.find_all("button", name="language")}


def switch_on_step(client, slug, answers, language="es", query=""):
    """Press the header's language button on a step: it submits the step's form as it is."""
    here = step_url(slug) + query
    return client.post(here, {**answers, "language": language, "next": here})


# --- Which language a page is in ----------------------------------------------------------------


def test_a_browser_asking_for_spanish_gets_the_questionnaire_in_spanish(client):
    response = client.get(step_url("concerns"), HTTP_ACCEPT_LANGUAGE="es")

    assert heading(response) == CONCERNS_TITLE["es"]


def test_a_browser_asking_for_a_regional_spanish_gets_the_spanish_questionnaire(client):
    response = client.get(step_url("concerns"), HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")

    assert heading(response) == CONCERNS_TITLE["es"]


def test_a_browser_asking_for_a_language_the_clinic_does_not_offer_gets_english(client):
    response = client.get(step_url("concerns"), HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")

    assert heading(response) == CONCERNS_TITLE["en"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_page_declares_the_language_it_is_written_in(client, language):
    response = client.get(HOME_URL, HTTP_ACCEPT_LANGUAGE=language)

    assert page_language(response) == language
    assert response["Content-Language"] == language


def test_the_buttons_of_a_step_are_in_the_page_language(client):
    page = parse(client.get(step_url("concerns"), HTTP_ACCEPT_LANGUAGE="es"))

    [next_button] = page.find("form", id="step-form").find_all("button", name="next")
    assert next_button.text == NEXT["es"]


def test_a_step_page_first_shown_in_english_is_shown_in_spanish_to_a_spanish_reader(client):
    # Blank step pages are kept in memory once rendered: the copy is per language.
    assert (
        heading(Client().get(step_url("concerns"), HTTP_ACCEPT_LANGUAGE="en"))
        == "Your skin concerns"
    )

    response = client.get(step_url("concerns"), HTTP_ACCEPT_LANGUAGE="es")

    assert heading(response) == CONCERNS_TITLE["es"]


def test_a_clinic_offering_only_english_serves_english_to_a_spanish_browser(client, settings):
    settings.LANGUAGES = [("en", "English")]

    response = client.get(step_url("concerns"), HTTP_ACCEPT_LANGUAGE="es")

    assert heading(response) == CONCERNS_TITLE["en"]


# --- The header's language switch -----------------------------------------------------------------


def public_pages(client):
    """Every page a patient reads, with a complete draft and a stored intake."""
    intake = english_intake()
    answer_steps(client, WORKED_EXAMPLE)
    return [
        HOME_URL,
        *(step_url(slug) for slug in STEP_SLUGS),
        REVIEW_URL,
        result_url(intake),
        reverse("intake:contact", args=[intake.token]),
        reverse("intake:delete", args=[intake.token]),
        reverse("treatments:index"),
        reverse("treatments:detail", args=["microneedling"]),
        reverse("clinic:privacy"),
    ]


def test_every_page_a_patient_reads_offers_spanish_in_its_header(client):
    for url in public_pages(client):
        buttons = switch_buttons(client.get(url))
        assert set(buttons) == {"es"}, url
        assert buttons["es"].text == LANGUAGE_NAMES["es"], url
        assert buttons["es"].get("lang") == "es", url


def test_a_spanish_page_offers_english_in_its_header(client):
    buttons = switch_buttons(client.get(HOME_URL, HTTP_ACCEPT_LANGUAGE="es"))

    assert set(buttons) == {"en"}
    assert buttons["en"].text == LANGUAGE_NAMES["en"]


def test_outside_the_questionnaire_the_switch_posts_to_set_language_and_comes_back(client):
    url = reverse("treatments:index")
    form = parse(client.get(url)).find("form", class_="language-switch")

    assert (form.get("method"), form.get("action")) == ("post", SET_LANGUAGE_URL)
    assert form.find("input", name="next").get("value") == url
    assert form.find("button", name="language", value="es") is not None


def test_choosing_spanish_sets_the_language_cookie_and_returns_to_the_page(client):
    url = reverse("treatments:index")

    response = client.post(SET_LANGUAGE_URL, {"language": "es", "next": url})

    assert response.status_code == 302
    assert response.url == url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"


def test_the_language_switch_works_from_a_page_that_holds_no_csrf_token():
    browser = Client(enforce_csrf_checks=True)
    url = reverse("treatments:index")

    response = browser.post(SET_LANGUAGE_URL, {"language": "es", "next": url})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"


def test_the_language_chosen_wins_over_the_browsers_language(client):
    in_spanish(client)

    response = client.get(step_url("concerns"), HTTP_ACCEPT_LANGUAGE="en")

    assert heading(response) == CONCERNS_TITLE["es"]


def test_a_clinic_offering_one_language_shows_no_language_switch(client, settings):
    settings.LANGUAGES = [("en", "English")]

    page = parse(client.get(HOME_URL))

    assert page.find("button", name="language") is None
    assert page.find("form", class_="language-switch") is None


# --- Switching language in the middle of a questionnaire step -------------------------------------


def test_on_a_step_the_switch_submits_the_steps_form_and_says_where_to_come_back(client):
    response = client.get(step_url("concerns"))

    button = switch_buttons(response)["es"]
    form = parse(response).find("form", id="step-form")
    assert button.get("form") == "step-form"
    assert "formnovalidate" in button.attrs
    assert form.find("input", type="hidden", name="next").get("value") == step_url("concerns")


def test_pressing_enter_on_a_step_submits_next_not_the_language_switch(client):
    # A browser submits a form on Enter with its first submit button in the page's order: the
    # header's language buttons belong to the step's form, and come before its own buttons.
    answer_steps(client, WORKED_EXAMPLE, through="health")
    page = parse(client.get(step_url("contact")))
    form = page.by_id("step-form")

    buttons = [
        element
        for element in page.iter()
        if element.tag == "button"
        and element.get("type", "submit") == "submit"
        and (element.get("form") == "step-form" or form.contains(element))
    ]

    assert buttons[0].get("name") == "next"


def test_switching_language_on_a_step_comes_back_to_that_step(client):
    response = switch_on_step(client, "concerns", {"concerns": ["acne_scars"]})

    assert response.status_code == 302
    assert response.url == step_url("concerns")


def test_switching_language_on_a_step_shows_it_again_in_the_new_language(client):
    switch_on_step(client, "concerns", {"concerns": ["acne_scars"]})

    response = client.get(step_url("concerns"))

    assert heading(response) == CONCERNS_TITLE["es"]


def test_switching_language_keeps_the_answers_given_on_the_step(client):
    switch_on_step(client, "concerns", {"concerns": ["acne_scars", "large_pores"]})

    assert_shows_answers(
        client.get(step_url("concerns")), {"concerns": ["acne_scars", "large_pores"]}
    )


def test_switching_language_keeps_an_unfinished_step_as_typed(client):
    answer_steps(client, WORKED_EXAMPLE, through="health")

    switch_on_step(client, "contact", UNFINISHED_CONTACT)

    assert_shows_answers(client.get(step_url("contact")), UNFINISHED_CONTACT)


def test_an_unfinished_step_kept_by_switching_language_still_has_to_be_finished(client):
    answer_steps(client, WORKED_EXAMPLE, through="health")
    switch_on_step(client, "contact", UNFINISHED_CONTACT)

    response = client.get(REVIEW_URL)

    assert response.status_code == 302
    assert response.url == step_url("contact")


def test_switching_language_on_a_step_shows_no_error_for_what_is_not_answered_yet(client):
    answer_steps(client, WORKED_EXAMPLE, through="health")
    switch_on_step(client, "contact", UNFINISHED_CONTACT)

    page = parse(client.get(step_url("contact")))

    assert page.by_id("error-summary") is None


def test_switching_language_on_a_step_opened_from_the_review_goes_back_to_it_from_the_review(
    client,
):
    answer_steps(client, WORKED_EXAMPLE)
    changing = step_url("recovery") + "?return=review"
    assert parse(client.get(changing)).find("input", name="next").get("value") == changing

    response = switch_on_step(client, "recovery", {"recovery": "none"}, query="?return=review")

    assert response.url == changing


# --- An intake's language ------------------------------------------------------------------------


def test_an_intake_keeps_the_language_it_was_answered_in(client):
    in_spanish(client)

    submit_questionnaire(client)

    assert Intake.objects.get().language == "es"


def test_an_intake_answered_by_a_browser_in_english_is_english(client):
    submit_questionnaire(client)

    assert Intake.objects.get().language == "en"


def test_an_intake_answered_in_spanish_has_its_recommendation_in_spanish():
    spanish, english = spanish_intake(), english_intake()

    first_es, first_en = (
        spanish.recommendation["candidates"][0],
        english.recommendation["candidates"][0],
    )
    assert first_es["slug"] == first_en["slug"] == "microneedling"
    assert first_es["name"] != first_en["name"]
    assert spanish.recommendation["summary"] != english.recommendation["summary"]


def intake_pages(intake):
    return {
        "results": (result_url(intake), RESULTS_TITLE),
        "delete": (reverse("intake:delete", args=[intake.token]), DELETE_TITLE),
    }


@pytest.mark.parametrize("page", ["results", "delete"])
def test_an_intakes_pages_open_in_the_language_it_was_answered_in(client, page):
    url, titles = intake_pages(spanish_intake())[page]

    # A browser set to English: the patient answered in Spanish, e.g. on another device.
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert heading(response) == titles["es"]
    assert page_language(response) == "es"


@pytest.mark.parametrize("page", ["results", "delete"])
def test_the_language_chosen_with_the_switch_wins_over_the_intakes_language(client, page):
    url, titles = intake_pages(spanish_intake())[page]
    client.post(SET_LANGUAGE_URL, {"language": "en", "next": url})

    response = client.get(url, HTTP_ACCEPT_LANGUAGE="es")

    assert heading(response) == titles["en"]


def test_the_contact_page_opens_in_the_language_the_intake_was_answered_in(client):
    intake = spanish_intake()

    response = client.get(reverse("intake:contact", args=[intake.token]), HTTP_ACCEPT_LANGUAGE="en")

    assert page_language(response) == "es"
    assert heading(response).startswith("Pida a ")


def test_an_english_intakes_results_open_in_english_for_a_spanish_browser(client):
    intake = english_intake()

    response = client.get(result_url(intake), HTTP_ACCEPT_LANGUAGE="es")

    assert heading(response) == RESULTS_TITLE["en"]


def test_a_results_page_shown_in_english_is_shown_in_spanish_to_who_chose_spanish(client):
    # The results page is kept in memory once rendered: the copy is per language.
    intake = english_intake()
    assert heading(Client().get(result_url(intake))) == RESULTS_TITLE["en"]
    in_spanish(client)

    response = client.get(result_url(intake))

    assert heading(response) == RESULTS_TITLE["es"]


def test_a_results_page_shown_in_spanish_is_shown_in_english_again_to_an_english_reader(client):
    intake = spanish_intake()
    assert heading(Client().get(result_url(intake))) == RESULTS_TITLE["es"]
    client.post(SET_LANGUAGE_URL, {"language": "en", "next": HOME_URL})

    response = client.get(result_url(intake))

    assert heading(response) == RESULTS_TITLE["en"]


def test_the_switch_on_the_results_page_comes_back_to_the_results_page(client):
    intake = english_intake()

    form = parse(client.get(result_url(intake))).find("form", class_="language-switch")

    assert form.find("input", name="next").get("value") == result_url(intake)


# --- What staff see -------------------------------------------------------------------------------


def answered_in(response):
    """The value of "Answered in" among the answers on the intake's staff page."""
    answers = parse(response).find("div", class_="field-answers_in_plain_language")
    terms = answers.find_all("dt")
    values = answers.find_all("dd")
    assert len(terms) == len(values)
    return values[0].text, terms[0].text


@pytest.mark.parametrize(("language", "name"), [("es", "Español"), ("en", "English")])
def test_the_intakes_staff_page_says_the_language_it_was_answered_in(
    reviewer_client, language, name
):
    with translation.override(language):
        intake = make_intake()

    shown, _ = answered_in(reviewer_client.get(change_url(intake)))

    assert shown == name


def test_the_language_is_the_first_of_the_answers_on_the_staff_page(reviewer_client):
    intake = spanish_intake()

    _, term = answered_in(reviewer_client.get(change_url(intake)))

    assert term == "Answered in"


def test_the_csv_export_has_the_language_each_intake_was_answered_in(reviewer_client):
    spanish, english = spanish_intake(), english_intake()

    rows = read_csv(export_selected(reviewer_client, spanish, english))

    assert {int(row["id"]): row["language"] for row in rows} == {spanish.pk: "es", english.pk: "en"}
