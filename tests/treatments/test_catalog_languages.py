"""The catalog in the reader's language: the public treatment pages, the API and the `recommend`
command give a Spanish reader the catalog's Spanish texts (migration 0012 seeded them), and
English where a text is not translated yet; the engine's own sentences follow the language too,
and fees are written as the clinic's country writes them in the page's language.
"""

import io
import json

import jsonschema_rs
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from clinic.models import Clinic
from clinic.money import locale_in
from tests import worked_example
from tests.factories import ConcernEfficacyFactory, TreatmentFactory
from tests.intake.markup import parse
from tests.resurfacing.api_client import (
    OPENAPI_URL,
    README_EXAMPLE,
    fresh_rate_limits,
    in_the_clinics_currency,
    post,
    recommend_command,
)
from tests.treatments.helpers import edited
from treatments.catalog import current_catalog
from treatments.models import ProcedureFamily, Treatment
from treatments.rules import recommend
from treatments.translation import TRANSLATED_FIELDS
from treatments.validation import parse_intake

pytestmark = pytest.mark.django_db

INDEX = reverse("treatments:index")
SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}

# The engine's summary of the worked example, in Spanish (django.po: "%(count)d treatments may
# suit your answers;", "%(count)d were ruled out.", "Discuss them with a qualified professional
# before deciding.").
SPANISH_SUMMARY = (
    "6 tratamientos pueden ajustarse a sus respuestas; 3 se han descartado. "
    "Coméntelos con un profesional sanitario cualificado antes de decidir."
)
ENGLISH_SUMMARY = (
    "6 treatments may suit your answers; 3 were ruled out. "
    "Discuss them with a qualified professional before deciding."
)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    with fresh_rate_limits(monkeypatch) as clock:
        yield clock


def detail_url(slug):
    return reverse("treatments:detail", args=[slug])


def microneedling():
    return Treatment.objects.get(slug="microneedling")


def row_names(response):
    """The treatments of the comparison table, as it names them, lightest first."""
    assert response.status_code == 200
    table = parse(response).find("table", class_="compare-table")
    return [tr.find("th").text for tr in table.find("tbody").find_all("tr")]


def lead(response):
    assert response.status_code == 200
    return parse(response).find("p", class_="lead").text


def section_text(response, heading_id):
    return parse(response).find("section", aria_labelledby=heading_id).text


def active_treatments():
    return list(Treatment.objects.filter(is_active=True).order_by("intensity_rank"))


def spoken(language, command_data):
    """What `manage.py recommend - --language <language>` prints for the data, parsed."""
    out = io.StringIO()
    call_command(
        "recommend",
        "-",
        "--language",
        language,
        stdin=io.StringIO(json.dumps(command_data)),
        stdout=out,
    )
    return json.loads(out.getvalue())


# --- The public treatment pages -------------------------------------------------------------------


def test_a_spanish_reader_sees_the_treatments_compared_by_their_spanish_names(client):
    names = row_names(client.get(INDEX, **SPANISH))

    assert names == [treatment.name_es for treatment in active_treatments()]


def test_an_english_reader_sees_the_treatments_compared_by_their_english_names(client):
    names = row_names(client.get(INDEX, **ENGLISH))

    assert names == [treatment.name_en for treatment in active_treatments()]


def test_the_default_catalog_names_its_treatments_differently_in_spanish():
    # Otherwise the tests of this file could not tell the languages apart.
    assert all(t.name_es and t.name_es != t.name_en for t in active_treatments())


def test_a_spanish_reader_sees_the_kinds_of_treatment_in_spanish(client):
    laser = ProcedureFamily.objects.get(slug="laser")

    card = parse(client.get(INDEX, **SPANISH)).find("section", aria_labelledby="family-laser")

    assert card.find("h3").text == laser.name_es
    assert laser.description_es in card.text


def test_a_spanish_reader_sees_a_treatments_page_in_spanish(client):
    treatment = microneedling()

    response = client.get(detail_url("microneedling"), **SPANISH)

    assert parse(response).by_id("treatment-heading").text == treatment.name_es
    assert lead(response) == treatment.description_es


def test_a_spanish_reader_reads_the_risks_in_spanish(client):
    risks = section_text(client.get(detail_url("microneedling"), **SPANISH), "risks-heading")

    assert microneedling().side_effects_es in risks


def test_a_spanish_reader_reads_why_a_treatment_helps_in_spanish(client):
    efficacy = microneedling().efficacies.get(concern="acne_scars")

    helps = section_text(client.get(detail_url("microneedling"), **SPANISH), "helps-heading")

    assert efficacy.rationale_es in helps
    assert efficacy.rationale_en not in helps


def test_a_spanish_reader_reads_a_health_rules_reason_in_spanish(client):
    rule = microneedling().health_rules.exclude(reason_es="").first()

    avoid = section_text(client.get(detail_url("microneedling"), **SPANISH), "avoid-heading")

    assert rule.reason_es in avoid


def test_a_name_not_translated_yet_is_shown_in_english_to_a_spanish_reader(client):
    treatment = edited(microneedling(), name_es="")

    names = row_names(client.get(INDEX, **SPANISH))

    assert treatment.name_en in names


def test_a_description_not_translated_yet_is_shown_in_english_to_a_spanish_reader(client):
    treatment = edited(microneedling(), description_es="")

    assert lead(client.get(detail_url("microneedling"), **SPANISH)) == treatment.description_en


def test_a_rationale_not_translated_yet_is_shown_in_english_to_a_spanish_reader(client):
    efficacy = edited(microneedling().efficacies.get(concern="acne_scars"), rationale_es="")

    helps = section_text(client.get(detail_url("microneedling"), **SPANISH), "helps-heading")

    assert efficacy.rationale_en in helps


def test_a_family_description_not_translated_yet_is_shown_in_english_to_a_spanish_reader(
    client,
):
    laser = edited(ProcedureFamily.objects.get(slug="laser"), description_es="")

    card = parse(client.get(INDEX, **SPANISH)).find("section", aria_labelledby="family-laser")

    assert laser.description_en in card.text


def test_a_treatment_added_in_english_only_is_shown_in_english_to_a_spanish_reader(client):
    added = TreatmentFactory(name="Glow facial", description="A gentle facial.")
    ConcernEfficacyFactory(treatment=added, concern="texture_tone", rationale="Brightens.")

    response = client.get(detail_url(added.slug), **SPANISH)

    assert parse(response).by_id("treatment-heading").text == "Glow facial"
    assert lead(response) == "A gentle facial."


def test_a_spanish_edit_reaches_spanish_readers_at_once(client):
    client.get(INDEX, **SPANISH)  # the Spanish snapshot is loaded

    edited(microneedling(), name_es="Microagujas renovadas")

    assert "Microagujas renovadas" in row_names(client.get(INDEX, **SPANISH))


def test_a_spanish_edit_leaves_what_english_readers_see_alone(client):
    edited(microneedling(), name_es="Microagujas renovadas")

    names = row_names(client.get(INDEX, **ENGLISH))

    assert "Microagujas renovadas" not in names
    assert microneedling().name_en in names


def test_the_comparison_page_in_spanish_reads_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    # Loading the Spanish snapshot (eight queries, treatments/catalog.py), its version, the
    # families and the clinic's profile, whatever the number of treatments.
    for _ in range(10):
        ConcernEfficacyFactory(treatment=TreatmentFactory())
    with django_assert_max_num_queries(12):
        response = client.get(INDEX, **SPANISH)

    assert len(row_names(response)) == len(active_treatments())


# --- The catalog snapshot -------------------------------------------------------------------------


def test_the_catalog_snapshot_is_in_the_active_language():
    with translation.override("es"):
        names = [profile.name for profile in current_catalog()]

    assert names == [treatment.name_es for treatment in active_treatments()]


def test_a_snapshot_loaded_in_spanish_is_not_given_to_english_readers():
    with translation.override("es"):
        current_catalog()
    with translation.override("en"):
        names = [profile.name for profile in current_catalog()]

    assert names == [treatment.name_en for treatment in active_treatments()]


def test_every_text_of_the_default_catalog_has_its_spanish_translation():
    missing = [
        f"{model.__name__} {row.pk} {field}"
        for model, fields in TRANSLATED_FIELDS.items()
        for row in model.objects.all()
        for field in fields
        if getattr(row, f"{field}_en") and not getattr(row, f"{field}_es")
    ]

    assert missing == []


# --- Fees -----------------------------------------------------------------------------------------


def fee_per_session(response):
    for term in parse(response).find_all("dt"):
        if term.text in ("Fee per session", "Tarifa por sesión"):
            return term.parent.find("dd").text
    raise AssertionError("no fee on the page")


def test_a_spanish_page_at_a_us_clinic_writes_dollars_as_spanish_speakers_in_the_us_do(client):
    # es_US: "$200–$700", where Spanish without a country would write "200 US$–700 US$".
    assert Clinic.objects.get(pk=1).locale == "en_US"

    assert fee_per_session(client.get(detail_url("microneedling"), **SPANISH)) == "$200–$700"


def test_a_spanish_page_at_a_british_clinic_writes_pounds_in_spanish(client):
    # CLDR has no Spanish of Britain: the amount is written as Spanish writes it (the page's
    # text reads the no-break spaces as spaces).
    clinic = Clinic.objects.get(pk=1)
    clinic.currency, clinic.locale = "GBP", "en_GB"
    clinic.save()

    assert fee_per_session(client.get(detail_url("microneedling"), **SPANISH)) == "200 GBP–700 GBP"


def test_the_clinics_locale_read_in_spanish_keeps_the_clinics_country():
    assert locale_in("es", "en_US") == "es_US"


def test_the_clinics_locale_read_in_its_own_language_is_the_clinics_locale():
    assert locale_in("en", "en_US") == "en_US"


def test_the_clinics_locale_read_in_a_language_cldr_has_not_for_its_country_is_the_language():
    assert locale_in("es", "en_GB") == "es"


# --- The API and the recommend command ------------------------------------------------------------


def test_the_api_answers_in_spanish_when_the_request_accepts_spanish(client):
    answer = post(client, README_EXAMPLE, **SPANISH).json()

    assert answer["summary"] == SPANISH_SUMMARY


def test_the_api_names_the_treatments_in_spanish_for_a_spanish_request(client):
    answer = post(client, README_EXAMPLE, **SPANISH).json()

    names = {treatment.slug: treatment.name_es for treatment in active_treatments()}
    assert [c["name"] for c in answer["candidates"]] == [
        names[slug] for slug in worked_example.CANDIDATE_SLUGS
    ]


def test_the_api_gives_each_reason_in_spanish_for_a_spanish_request(client):
    answer = post(client, README_EXAMPLE, **SPANISH).json()

    [first, *_] = answer["candidates"][0]["reasons"]
    rationale = microneedling().efficacies.get(concern="acne_scars").rationale_es
    assert first["text"] == f"Cicatrices de acné: entre las mejores opciones (3 de 3). {rationale}"


def test_each_result_says_the_language_of_its_texts(client):
    answers = post(client, [README_EXAMPLE, README_EXAMPLE], **SPANISH).json()

    assert [answer["language"] for answer in answers] == ["es", "es"]


def test_the_response_says_the_language_of_its_texts_in_content_language(client):
    assert post(client, README_EXAMPLE, **SPANISH)["Content-Language"] == "es"


def test_a_request_without_a_language_is_answered_in_english(client):
    response = post(client, README_EXAMPLE)

    assert (response["Content-Language"], response.json()["language"]) == ("en", "en")
    assert response.json()["summary"] == ENGLISH_SUMMARY


def test_a_request_for_a_language_the_clinic_does_not_offer_is_answered_in_english(client):
    response = post(client, README_EXAMPLE, HTTP_ACCEPT_LANGUAGE="fr")

    assert response["Content-Language"] == "en"
    assert response.json() == in_the_clinics_currency(recommend_command(README_EXAMPLE))


def test_answers_worked_out_in_english_are_worked_out_again_for_a_spanish_request(client):
    post(client, README_EXAMPLE, **ENGLISH)

    assert post(client, README_EXAMPLE, **SPANISH).json()["summary"] == SPANISH_SUMMARY


def test_the_recommend_command_in_spanish_prints_what_the_api_answers_in_spanish(client):
    response = post(client, README_EXAMPLE, **SPANISH)

    printed = spoken("es", README_EXAMPLE)
    assert response.json() == in_the_clinics_currency(printed, language="es")
    assert printed["summary"] == SPANISH_SUMMARY


def test_the_recommend_command_in_spanish_prints_a_batch_as_the_api_answers_it(client):
    batch = [README_EXAMPLE, {**README_EXAMPLE, "fitzpatrick": 2}]

    response = post(client, batch, **SPANISH)

    assert response.json() == in_the_clinics_currency(spoken("es", batch), language="es")


def test_the_recommend_command_refuses_a_language_the_clinic_does_not_offer():
    with pytest.raises(CommandError, match="language"):
        spoken("fr", README_EXAMPLE)


# --- The OpenAPI document -------------------------------------------------------------------------


@pytest.fixture
def document(client):
    response = client.get(OPENAPI_URL)
    assert response.status_code == 200
    return response.json()


def test_the_openapi_document_declares_the_accept_language_header(document):
    operation = document["paths"]["/api/v1/recommendations"]["post"]

    [header] = [p for p in operation["parameters"] if p["name"] == "Accept-Language"]
    assert (header["in"], header["required"]) == ("header", False)
    assert "en, es" in header["description"]


def test_the_openapi_document_declares_the_content_language_of_the_answer(document):
    answer = document["paths"]["/api/v1/recommendations"]["post"]["responses"]["200"]

    assert "Content-Language" in answer["headers"]


def test_the_openapi_result_declares_its_language(document):
    result = document["components"]["schemas"]["Result"]

    assert "language" in result["required"]
    assert result["properties"]["language"]["type"] == "string"


def test_a_spanish_answer_matches_the_documented_result(client, document):
    validator = jsonschema_rs.Draft202012Validator(
        {**document, "$ref": "#/components/schemas/Result"}
    )

    validator.validate(post(client, README_EXAMPLE, **SPANISH).json())


# --- The engine's own sentences -------------------------------------------------------------------


def english_snapshot():
    with translation.override("en"):
        return current_catalog()


def test_the_engine_writes_its_sentences_in_english_when_given_no_translation():
    catalog = english_snapshot()

    with translation.override("es"):
        result = recommend(parse_intake(README_EXAMPLE), catalog)

    assert result["summary"] == ENGLISH_SUMMARY


def test_the_engine_writes_its_sentences_in_the_language_of_the_translation_it_is_given():
    catalog = english_snapshot()

    with translation.override("es"):
        result = recommend(parse_intake(README_EXAMPLE), catalog, translation)

    assert result["summary"] == SPANISH_SUMMARY


def test_the_engine_leaves_the_catalogs_texts_as_the_catalog_gives_them():
    catalog = english_snapshot()

    with translation.override("es"):
        result = recommend(parse_intake(README_EXAMPLE), catalog, translation)

    assert result["candidates"][0]["name"] == microneedling().name_en
