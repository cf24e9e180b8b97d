"""The staff page "Missing translations": for each language the clinic offers besides English,
every catalog text written in English and not yet translated, each linked to the admin page it
is edited on. Content editors and superusers see it, and the admin index links to it for them.
"""

import pytest
from django.urls import reverse

from tests.factories import (
    CONTENT_EDITOR,
    NON_STAFF,
    REVIEWER,
    SUPERUSER,
    ConcernEfficacyFactory,
    HealthRuleFactory,
    ProcedureFamilyFactory,
    SkinTypeSuitabilityFactory,
    TreatmentFactory,
)
from tests.intake.markup import parse
from tests.staff.helpers import ANONYMOUS, LOGIN_URL, signed_in
from tests.treatments.helpers import change_url, edited
from treatments.models import ProcedureFamily, Treatment

pytestmark = pytest.mark.django_db

URL = reverse("admin:missing_translations")
INDEX_URL = reverse("admin:index")
SPANISH = "Español"  # the language's name in settings.LANGUAGES


@pytest.fixture
def editor_client(client):
    return signed_in(client, CONTENT_EDITOR)


def microneedling():
    return Treatment.objects.get(slug="microneedling")


def language_sections(response):
    """{language name: the content after its heading}: ("everything", None) or ("missing",
    [(row text, link, field)])."""
    assert response.status_code == 200
    content = parse(response).by_id("content")
    sections = {}
    heading = None
    for element in content.iter():
        if element.tag == "h2":
            heading = element.text
        elif heading and heading not in sections and element.tag in ("table", "p"):
            if element.tag == "p":
                sections[heading] = ("everything", element.text)
                continue
            rows = []
            for tr in element.find("tbody").find_all("tr"):
                content_cell, field_cell = tr.find_all("td")
                link = content_cell.find("a")
                rows.append(
                    (content_cell.text, link.get("href") if link else None, field_cell.text)
                )
            sections[heading] = ("missing", rows)
    return sections


def missing_in_spanish(response):
    kind, rows = language_sections(response)[SPANISH]
    assert kind == "missing", rows
    return rows


def rows_of(response, text):
    return [(link, field) for shown, link, field in missing_in_spanish(response) if shown == text]


# --- What the page lists --------------------------------------------------------------------------


def test_with_the_default_catalog_everything_is_translated(editor_client):
    kind, text = language_sections(editor_client.get(URL))[SPANISH]

    assert (kind, text) == ("everything", "Everything is translated.")


def test_the_page_has_a_section_for_each_language_offered_besides_english(editor_client):
    assert list(language_sections(editor_client.get(URL))) == [SPANISH]


def test_a_clinic_offering_only_english_has_nothing_to_translate(editor_client, settings):
    settings.LANGUAGES = [("en", "English")]

    assert language_sections(editor_client.get(URL)) == {}


def test_a_treatment_name_without_its_spanish_is_listed_with_a_link_to_the_treatment(
    editor_client,
):
    treatment = edited(microneedling(), name_es="")

    rows = rows_of(editor_client.get(URL), str(treatment))

    assert rows == [(change_url(treatment), "Name")]


def test_a_translation_never_written_is_missing_as_much_as_an_emptied_one(editor_client):
    treatment = edited(microneedling(), side_effects_es=None)

    assert rows_of(editor_client.get(URL), str(treatment)) == [
        (change_url(treatment), "Side effects")
    ]


def test_each_untranslated_field_of_a_row_is_listed_on_its_own(editor_client):
    treatment = edited(microneedling(), name_es="", description_es="")

    fields = {field for _, field in rows_of(editor_client.get(URL), str(treatment))}

    assert fields == {"Name", "Description"}


def test_a_family_without_its_spanish_links_to_the_familys_page(editor_client):
    laser = edited(ProcedureFamily.objects.get(slug="laser"), description_es="")

    rows = rows_of(editor_client.get(URL), str(laser))

    assert rows == [
        (reverse("admin:treatments_procedurefamily_change", args=[laser.pk]), "Description")
    ]


def untranslated_efficacy():
    return edited(microneedling().efficacies.get(concern="acne_scars"), rationale_es="")


def untranslated_skin_type():
    return edited(microneedling().skin_types.get(fitzpatrick=4), reason="Test.", reason_es="")


def untranslated_health_rule():
    return edited(microneedling().health_rules.first(), reason_es="")


@pytest.mark.parametrize(
    "make_row", [untranslated_efficacy, untranslated_skin_type, untranslated_health_rule]
)
def test_a_treatments_row_without_its_spanish_links_to_its_treatments_page(editor_client, make_row):
    # Efficacy, skin-type and health rows are edited on their treatment's page.
    row = make_row()

    [(link, _field)] = rows_of(editor_client.get(URL), str(row))

    assert link == change_url(row.treatment)


def test_a_text_written_in_spanish_is_no_longer_listed(editor_client):
    treatment = edited(microneedling(), name_es="")
    edited(treatment, name_es="Microagujas")

    kind, _ = language_sections(editor_client.get(URL))[SPANISH]

    assert kind == "everything"


def test_a_text_empty_in_english_too_is_not_listed(editor_client):
    # The default catalog's skin-type rows mostly give no reason, in any language.
    assert microneedling().skin_types.filter(reason_en="").exists()

    kind, _ = language_sections(editor_client.get(URL))[SPANISH]

    assert kind == "everything"


def test_a_row_made_without_a_text_is_not_listed_for_that_text(editor_client):
    # A family created in code with a name only: its description is in no language at all.
    family = ProcedureFamilyFactory(slug="lights", name="Lights")

    assert rows_of(editor_client.get(URL), str(family)) == [
        (reverse("admin:treatments_procedurefamily_change", args=[family.pk]), "Name")
    ]


def test_the_page_reads_a_bounded_number_of_queries_whatever_is_missing(
    editor_client, django_assert_max_num_queries
):
    # One query per translated field (twelve) and language, and the signed-in editor's
    # session, account and permissions: the same with one untranslated row or seventy.
    for _ in range(10):
        treatment = TreatmentFactory()
        ConcernEfficacyFactory(treatment=treatment)
        HealthRuleFactory(treatment=treatment)
        SkinTypeSuitabilityFactory(treatment=treatment, reason="Test.")
    with django_assert_max_num_queries(22):
        response = editor_client.get(URL)

    assert len(missing_in_spanish(response)) >= 10 * 7


# --- Who sees it ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [CONTENT_EDITOR, SUPERUSER])
def test_content_editors_and_superusers_see_the_page(client, role):
    signed_in(client, role)

    assert client.get(URL).status_code == 200


def test_a_reviewer_may_not_see_the_page(client):
    signed_in(client, REVIEWER)

    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("role", [ANONYMOUS, NON_STAFF])
def test_who_is_not_signed_in_as_staff_is_sent_to_sign_in(client, role):
    signed_in(client, role)

    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={URL}"


def index_link(client):
    paragraph = parse(client.get(INDEX_URL)).by_id("missing-translations-link")
    return paragraph and paragraph.find("a").get("href")


@pytest.mark.parametrize("role", [CONTENT_EDITOR, SUPERUSER])
def test_the_admin_index_links_to_the_page_for_who_may_see_it(client, role):
    signed_in(client, role)

    assert index_link(client) == URL


def test_the_admin_index_does_not_link_to_the_page_for_a_reviewer(client):
    signed_in(client, REVIEWER)

    assert index_link(client) is None
