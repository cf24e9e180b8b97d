"""Sources are data: the references of docs/clinical-basis.md (section 11) are rows that staff
keep, every seeded rule cites them, the engine's snapshot carries them, and a new rule row must
cite one."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from tests.factories import (
    ConcernEfficacyFactory,
    HealthRuleFactory,
    SkinTypeSuitabilityFactory,
    SourceFactory,
    TreatmentFactory,
)
from tests.staff.helpers import admin_form_data
from tests.treatments.helpers import change_url
from treatments.catalog import load_catalog
from treatments.models import (
    CatalogVersion,
    ConcernEfficacy,
    HealthRule,
    SkinTypeSuitability,
    Source,
    Treatment,
)
from treatments.rules import Source as CitedSource

pytestmark = pytest.mark.django_db

CLINICAL_BASIS = Path(settings.BASE_DIR) / "docs" / "clinical-basis.md"
NEW_ROW_NEEDS_A_SOURCE = "Cite at least one source for a new row."


def references():
    """Section 11 of the clinical basis: key → the rest of its line."""
    text = CLINICAL_BASIS.read_text()
    section = text[text.index("## 11. References") :]
    return dict(re.findall(r"^- \[([^\]]+)\] (.*)$", section, flags=re.MULTILINE))


# --- Seeded from the clinical basis ------------------------------------------------------------


def test_every_reference_of_the_clinical_basis_is_a_source():
    assert set(Source.objects.values_list("key", flat=True)) == set(references())


def test_each_source_keeps_the_first_address_its_reference_gives():
    for key, line in references().items():
        source = Source.objects.get(key=key)
        assert source.url and source.url in line, key
        assert line.index(source.url) == line.index("http"), key


def test_a_source_keeps_its_title_publisher_and_year():
    source = Source.objects.get(key="Juhasz-Cohen-2020")

    assert source.title == "Microneedling for the treatment of scars: an update for clinicians"
    assert source.publisher.startswith("Juhasz MLW, Cohen JL. Clin Cosmet Investig Dermatol")
    assert source.year == 2020


def test_a_source_whose_reference_gives_no_year_has_none():
    assert Source.objects.get(key="AAD-peels").year is None


@pytest.mark.parametrize("model", [ConcernEfficacy, SkinTypeSuitability, HealthRule])
def test_every_seeded_rule_row_cites_at_least_one_source(model):
    assert model.objects.count() > 0
    assert not model.objects.filter(sources__isnull=True).exists()


def test_every_default_treatment_cites_the_sources_of_its_own_figures():
    assert not Treatment.objects.filter(sources__isnull=True).exists()


def test_an_efficacy_cites_what_its_bullet_of_section_3_cites():
    row = ConcernEfficacy.objects.get(treatment__slug="microneedling", concern="acne_scars")

    assert set(row.sources.values_list("key", flat=True)) == {"Juhasz-Cohen-2020", "FDA-MN"}


def test_every_skin_type_of_a_treatment_cites_its_row_of_section_5():
    rows = SkinTypeSuitability.objects.filter(treatment__slug="dermabrasion")

    assert {tuple(row.sources.values_list("key", flat=True)) for row in rows} == {
        ("Mayo-derm", "PSK-DA")
    }


def test_every_rule_of_a_health_flag_cites_its_paragraph_of_section_6():
    rules = HealthRule.objects.filter(flag="melasma_or_pih_history")

    assert {tuple(rule.sources.values_list("key", flat=True)) for rule in rules} == {
        ("Arora-2012", "Trivedi-melasma-2017")
    }


# --- In the engine's snapshot ------------------------------------------------------------------


def test_the_snapshot_gives_a_treatment_and_each_of_its_rows_their_sources():
    study = SourceFactory(key="Study-2024", title="A study", publisher="J Test", year=2024)
    guide = SourceFactory(key="Guide", title="A guide", publisher="", year=None, url="")
    treatment = TreatmentFactory(slug="cited")
    treatment.sources.add(guide)
    ConcernEfficacyFactory(treatment=treatment, concern="acne_scars").sources.add(study)
    SkinTypeSuitabilityFactory(treatment=treatment, fitzpatrick=1).sources.add(study, guide)
    HealthRuleFactory(treatment=treatment).sources.add(guide)

    profile = next(p for p in load_catalog() if p.slug == "cited")

    cited_study = CitedSource("Study-2024", "A study", "J Test", 2024, study.url)
    cited_guide = CitedSource("Guide", "A guide", "", None, "")
    assert profile.sources == (cited_guide,)
    assert profile.efficacy["acne_scars"].sources == (cited_study,)
    assert profile.skin_types[1].sources == (cited_guide, cited_study)
    assert profile.health_rules["cold_sore_history"].sources == (cited_guide,)


def test_a_row_citing_nothing_has_no_sources_in_the_snapshot():
    ConcernEfficacyFactory(treatment=TreatmentFactory(slug="uncited"), concern="acne_scars")

    profile = next(p for p in load_catalog() if p.slug == "uncited")

    assert profile.efficacy["acne_scars"].sources == ()


# --- Every process sees a change ---------------------------------------------------------------


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_corrected_source_raises_the_catalog_version_however_it_is_changed():
    before = CatalogVersion.current()

    raw("UPDATE treatments_source SET title = 'Corrected' WHERE key = %s", ["AAD-peels"])

    assert CatalogVersion.current() > before


@pytest.mark.parametrize(
    ("table", "column", "row"),
    [
        ("treatments_treatment_sources", "treatment_id", lambda: Treatment.objects.first()),
        ("treatments_concernefficacy_sources", "concernefficacy_id", ConcernEfficacy.objects.first),
        (
            "treatments_skintypesuitability_sources",
            "skintypesuitability_id",
            SkinTypeSuitability.objects.first,
        ),
        ("treatments_healthrule_sources", "healthrule_id", HealthRule.objects.first),
    ],
)
def test_citing_or_no_longer_citing_a_source_raises_the_catalog_version(table, column, row):
    source = SourceFactory()
    pk = row().pk

    before = CatalogVersion.current()
    raw(f"INSERT INTO {table} ({column}, source_id) VALUES (%s, %s)", [pk, source.pk])
    cited = CatalogVersion.current()
    raw(f"DELETE FROM {table} WHERE {column} = %s AND source_id = %s", [pk, source.pk])

    assert before < cited < CatalogVersion.current()


# --- Staff keep the sources --------------------------------------------------------------------


def test_an_editor_adds_a_source(editor_client):
    url = reverse("admin:treatments_source_add")
    data = {
        "key": "ASDS-2026",
        "title_en": "Guidelines",
        "publisher": "ASDS",
        "year": "2026",
        "url": "https://www.asds.net/guidelines",
    }

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert Source.objects.get(key="ASDS-2026").title == "Guidelines"


def test_an_editors_correction_of_a_source_is_kept_in_its_history(editor_client):
    source = Source.objects.get(key="AAD-peels")
    url = reverse("admin:treatments_source_change", args=[source.pk])
    page = editor_client.get(url)

    editor_client.post(url, admin_form_data(page, title_en="Chemical peels: FAQs (2026)"))

    source.refresh_from_db()
    assert source.title == "Chemical peels: FAQs (2026)"
    assert source.history.first().title == "Chemical peels: FAQs (2026)"
    # The seeded source, its Spanish translation (migration 0012), and the correction.
    assert source.history.count() == 3


def test_an_editor_cannot_delete_a_source_every_row_citing_it_would_lose(editor_client):
    source = Source.objects.get(key="AAD-peels")

    response = editor_client.get(reverse("admin:treatments_source_delete", args=[source.pk]))

    assert response.status_code == 403


def test_a_source_key_with_spaces_is_refused(editor_client):
    response = editor_client.post(
        reverse("admin:treatments_source_add"), {"key": "AAD peels", "title_en": "Peels"}
    )

    assert response.status_code == 200
    assert "key" in response.context["adminform"].form.errors


def test_the_source_picker_finds_sources_by_key_or_title(editor_client):
    url = reverse("admin:autocomplete")

    def found(term):
        response = editor_client.get(
            url,
            {
                "app_label": "treatments",
                "model_name": "healthrule",
                "field_name": "sources",
                "term": term,
            },
        )
        assert response.status_code == 200
        return [result["text"] for result in response.json()["results"]]

    assert any(text.startswith("[Spring-2017]") for text in found("spring-2017"))
    assert any(text.startswith("[Kadunc-2009]") for text in found("systemic toxicity of phenol"))


# --- A new rule row cites a source -------------------------------------------------------------

NEW_ROWS = {
    "efficacies": {"concern": "acne_scars", "score": "2", "rationale_en": "Helps."},
    "skin_types": {"fitzpatrick": "1", "suitability": "suitable", "reason_en": ""},
    "health_rules": {"flag": "cold_sore_history", "action": "caution", "reason_en": "Antivirals."},
}
ROW_MODELS = {
    "efficacies": ConcernEfficacy,
    "skin_types": SkinTypeSuitability,
    "health_rules": HealthRule,
}


def with_new_row(page, prefix, sources=(), **changes):
    """The change form as rendered, with one more row in the `prefix` inline."""
    data = admin_form_data(page, **changes)
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data.update({f"{prefix}-{index}-{name}": value for name, value in NEW_ROWS[prefix].items()})
    if sources:
        data[f"{prefix}-{index}-sources"] = [str(source.pk) for source in sources]
    return data


def inline_form(response, prefix, index):
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    )
    return formset.forms[index]


@pytest.mark.parametrize("prefix", NEW_ROWS)
def test_a_new_rule_row_without_a_source_is_refused_with_a_message_in_its_row(
    editor_client, prefix
):
    treatment = TreatmentFactory()
    page = editor_client.get(change_url(treatment))

    response = editor_client.post(change_url(treatment), with_new_row(page, prefix))

    assert response.status_code == 200
    errors = inline_form(response, prefix, 0).errors
    assert NEW_ROW_NEEDS_A_SOURCE in errors["sources"][0]
    assert not ROW_MODELS[prefix].objects.filter(treatment=treatment).exists()


@pytest.mark.parametrize("prefix", NEW_ROWS)
def test_a_new_rule_row_citing_a_source_is_saved_with_it(editor_client, prefix):
    treatment = TreatmentFactory()
    source = Source.objects.get(key="AAD-peels")
    page = editor_client.get(change_url(treatment))

    response = editor_client.post(change_url(treatment), with_new_row(page, prefix, [source]))

    assert response.status_code == 302
    row = ROW_MODELS[prefix].objects.get(treatment=treatment)
    assert list(row.sources.all()) == [source]


def test_a_refused_new_row_loses_nothing_that_was_typed(editor_client):
    treatment = TreatmentFactory()
    page = editor_client.get(change_url(treatment))
    data = with_new_row(page, "health_rules", name_en="Renamed peel")

    response = editor_client.post(change_url(treatment), data)

    assert response.context["adminform"].form["name_en"].value() == "Renamed peel"
    row = inline_form(response, "health_rules", 0)
    assert (row["flag"].value(), row["reason_en"].value()) == ("cold_sore_history", "Antivirals.")
    treatment.refresh_from_db()
    assert treatment.name != "Renamed peel"


def test_a_row_from_before_sources_were_kept_can_still_be_edited(editor_client):
    treatment = TreatmentFactory()
    row = ConcernEfficacyFactory(treatment=treatment, concern="acne_scars", score=1)
    page = editor_client.get(change_url(treatment))

    response = editor_client.post(
        change_url(treatment), admin_form_data(page, **{"efficacies-0-score": "2"})
    )

    assert response.status_code == 302
    row.refresh_from_db()
    assert row.score == 2


def test_an_edit_may_not_take_away_a_rows_last_source(editor_client):
    treatment = TreatmentFactory()
    row = ConcernEfficacyFactory(treatment=treatment, concern="acne_scars", score=1)
    row.sources.set([Source.objects.get(key="AAD-peels")])
    page = editor_client.get(change_url(treatment))
    data = admin_form_data(page)
    data.pop("efficacies-0-sources")

    response = editor_client.post(change_url(treatment), data)

    assert response.status_code == 200
    errors = inline_form(response, "efficacies", 0).errors
    assert "A row keeps at least one source." in errors["sources"][0]
    assert list(row.sources.values_list("key", flat=True)) == ["AAD-peels"]


def test_a_new_row_on_the_rows_own_admin_page_needs_a_source_too(editor_client):
    treatment = TreatmentFactory()
    data = {"treatment": treatment.pk, **NEW_ROWS["health_rules"]}

    response = editor_client.post(reverse("admin:treatments_healthrule_add"), data)

    assert response.status_code == 200
    assert NEW_ROW_NEEDS_A_SOURCE in response.context["adminform"].form.errors["sources"][0]
