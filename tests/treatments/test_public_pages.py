"""The public treatment pages: /treatments/ compares every active treatment side by side, and
/treatments/<slug>/ explains one in full (what it is, recovery, fees, risks, who should avoid it
and why, questions to ask, its sources and its medical review).

The pages read the engine's catalog snapshot; tests that need sources, questions or a reviewer
give the pages a snapshot of plain profiles, as the catalog loader hands them over.
"""

import re

import pytest
from django.urls import reverse

from clinic.models import Clinic
from clinic.money import format_range
from tests.factories import ConcernEfficacyFactory, ProcedureFamilyFactory, TreatmentFactory
from tests.intake.helpers import step_url
from tests.intake.markup import parse
from tests.treatments.profiles import (
    ALL_CONCERNS,
    efficacy,
    health_rules,
    make_answers,
    make_profile,
    skin_types,
)
from treatments import views
from treatments.catalog import current_catalog
from treatments.models import ProcedureFamily, Treatment
from treatments.rules import Efficacy, HealthRule, Source, Suitability, recommend
from treatments.vocabulary import HEALTH_FLAGS

pytestmark = pytest.mark.django_db

INDEX = reverse("treatments:index")


def detail_url(slug):
    return reverse("treatments:detail", args=[slug])


@pytest.fixture
def catalog_of(monkeypatch):
    """catalog_of(*profiles): the pages see exactly these treatments."""

    def catalog_of(*profiles):
        monkeypatch.setattr(views, "current_catalog", lambda: profiles)

    return catalog_of


def comparison_table(page):
    return page.find("table", class_="compare-table")


def table_rows(page):
    """{treatment name: {column header: cell text}} of the comparison table."""
    table = comparison_table(page)
    headers = [th.text for th in table.find("thead").find_all("th")]
    rows = {}
    for tr in table.find("tbody").find_all("tr"):
        cells = [tr.find("th"), *tr.find_all("td")]
        rows[cells[0].text] = dict(zip(headers, (cell.text for cell in cells), strict=True))
    return rows


def section(page, heading_id):
    return page.find("section", aria_labelledby=heading_id)


def read(element):
    """The element's text as a person reads it: no space before punctuation."""
    return re.sub(r" (?=[,.:;])", "", element.text)


# -- /treatments/ -----------------------------------------------------------------------------


def test_the_comparison_table_has_every_active_treatment_lightest_first(client):
    active = list(Treatment.objects.filter(is_active=True).order_by("intensity_rank"))

    rows = table_rows(parse(client.get(INDEX)))

    assert list(rows) == [treatment.name for treatment in active]
    assert len(rows) == 9


def test_an_inactive_treatment_is_left_out_of_the_index(client):
    Treatment.objects.filter(slug="dermabrasion").update(is_active=False)

    page = parse(client.get(INDEX))

    assert "Dermabrasion" not in table_rows(page)
    assert detail_url("dermabrasion") not in page.urls()


def test_the_index_presents_each_procedure_family_with_its_treatments_and_intensities(client):
    page = parse(client.get(INDEX))

    families = section(page, "families-heading")
    for family in ProcedureFamily.objects.all():
        card = families.find("section", aria_labelledby=f"family-{family.slug}")
        assert card.find("h3").text == family.name
        assert family.description in card.text
        for treatment in family.treatments.filter(is_active=True):
            link = card.find("a", href=detail_url(treatment.slug))
            assert link.text == treatment.name
            assert link.parent.text.endswith(treatment.intensity_label)
    assert len(families.find_all("h3")) == 4


def test_a_row_gives_depth_recovery_sessions_fees_and_what_it_helps_most(client):
    treatment = TreatmentFactory(
        name="Test peel",
        intensity_label="moderate",
        ablative=True,
        downtime_min_days=7,
        downtime_max_days=14,
        sessions_min=1,
        sessions_max=2,
        fee_min=600,
        fee_max=1500,
    )
    ConcernEfficacyFactory(treatment=treatment, concern="sun_damage_age_spots", score=3)
    ConcernEfficacyFactory(treatment=treatment, concern="acne_scars", score=3)
    ConcernEfficacyFactory(treatment=treatment, concern="texture_tone", score=2)

    page = parse(client.get(INDEX))

    row = table_rows(page)["Test peel"]
    assert row == {
        "Treatment": "Test peel",
        "Depth": "Moderate removes the surface layer",
        "Recovery": "7–14 days",
        "Sessions": "1–2",
        "Fee per session": "$600–$1,500 Typical range, not a quote",
        "Helps most with": "Acne scars Sun damage and age spots",
    }
    helps = comparison_table(page).find("a", href=detail_url(treatment.slug)).parent.parent
    assert [item.text for item in helps.find_all("li")] == [
        "Acne scars",
        "Sun damage and age spots",
    ]


def test_a_treatment_that_leaves_the_surface_intact_says_so(client):
    row = table_rows(parse(client.get(INDEX)))["Microdermabrasion"]

    assert row["Depth"] == "Very superficial surface left intact"


def test_helps_most_is_a_minor_benefit_only_when_no_concern_scores_a_good_option(
    client, catalog_of
):
    catalog_of(make_profile(name="Gentle", efficacy=efficacy(texture_tone=1, large_pores=1)))

    row = table_rows(parse(client.get(INDEX)))["Gentle"]

    assert row["Helps most with"] == "A minor benefit only"


def test_fees_are_in_the_clinics_currency(client):
    clinic = Clinic.objects.get(pk=1)
    clinic.currency, clinic.locale = "EUR", "de_DE"
    clinic.save()

    page = parse(client.get(INDEX))

    row = table_rows(page)["Microdermabrasion"]
    euros = re.sub(r"\s", " ", format_range(75, 300, "EUR", "de_DE"))  # as the text reads
    assert row["Fee per session"] == f"{euros} Typical range, not a quote"
    assert "EUR" in comparison_table(page).find("caption").text
    assert "$" not in comparison_table(page).text


def test_the_clinics_own_price_is_not_called_a_typical_range(client):
    Treatment.objects.filter(slug="microneedling").update(fee_kind="ours")

    rows = table_rows(parse(client.get(INDEX)))

    assert rows["Microneedling (collagen induction therapy)"]["Fee per session"] == (
        "$200–$700 Our price"
    )
    assert rows["Microdermabrasion"]["Fee per session"].endswith("Typical range, not a quote")


def test_the_table_scrolls_on_its_own_on_a_phone_with_a_caption_and_scoped_headers(client):
    page = parse(client.get(INDEX))

    table = comparison_table(page)
    wrapper = table.parent
    assert "table-responsive" in wrapper.get("class").split()
    # Keyboard users scroll it too: the scrolling region can take the focus and is named.
    assert wrapper.get("tabindex") == "0"
    assert page.by_id(wrapper.get("aria-labelledby")) is table.find("caption")
    assert table.find("caption").text
    assert {th.get("scope") for th in table.find("thead").find_all("th")} == {"col"}
    assert all(tr.find("th").get("scope") == "row" for tr in table.find("tbody").find_all("tr"))


def test_each_row_links_to_the_treatments_page(client):
    table = comparison_table(parse(client.get(INDEX)))

    for treatment in Treatment.objects.filter(is_active=True):
        assert table.find("a", href=detail_url(treatment.slug)).text == treatment.name


def test_the_index_links_to_the_questionnaire(client):
    assert reverse("intake:start") in parse(client.get(INDEX)).urls()


def test_the_index_is_built_in_a_bounded_number_of_queries_whatever_the_catalog_size(
    client, django_assert_max_num_queries
):
    client.get(INDEX)  # the clinic's profile and the catalog snapshot, read once
    family = ProcedureFamilyFactory()
    added = TreatmentFactory.create_batch(20, family=family)

    with django_assert_max_num_queries(12):
        rows = table_rows(parse(client.get(INDEX)))

    assert {treatment.name for treatment in added} <= set(rows)


def test_while_the_catalog_is_fresh_the_index_costs_one_query(
    client, django_assert_max_num_queries
):
    client.get(INDEX)

    # The family descriptions; the treatments come from the kept snapshot.
    with django_assert_max_num_queries(1):
        assert client.get(INDEX).status_code == 200


# -- /treatments/<slug>/ ------------------------------------------------------------------------


def test_every_active_treatment_has_its_own_page(client):
    for treatment in Treatment.objects.filter(is_active=True):
        page = parse(client.get(detail_url(treatment.slug)))

        assert page.find("h1").text == treatment.name


@pytest.mark.parametrize("slug", ["no-such-treatment", "dermabrasion"])
def test_an_unknown_or_inactive_treatment_is_not_found(client, slug):
    Treatment.objects.filter(slug="dermabrasion").update(is_active=False)

    response = client.get(detail_url(slug))

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_an_address_that_is_not_a_treatment_name_is_not_found(client):
    assert client.get("/treatments/%3Cscript%3E/").status_code == 404


def test_the_page_says_what_it_is_how_deep_it_goes_recovery_sessions_fees_and_risks(
    client, catalog_of
):
    catalog_of(
        make_profile(
            slug="peel",
            name="Test peel",
            intensity="moderate",
            ablative=True,
            downtime_days=(7, 14),
            sessions=(1, 2),
            fees=(600, 1500),
            description="An acid solution removes the outer layers of skin.",
            side_effects="Redness and peeling for a week.",
        )
    )

    page = parse(client.get(detail_url("peel")))

    assert (
        "An acid solution removes the outer layers of skin." in page.find("p", class_="lead").text
    )
    facts = {div.find("dt").text: div.find("dd").text for div in page.find("dl").find_all("div")}
    assert facts == {
        "How deep it goes": "Moderate; removes the surface layer, which must heal",
        "Recovery": "7–14 days",
        "Sessions": "1–2",
        "Fee per session": "$600–$1,500",
        "Whole course": "$600–$3,000",
    }
    assert "Typical range, not a quote." in page.text
    assert "Redness and peeling for a week." in section(page, "risks-heading").text


def test_the_page_lists_what_it_helps_with_best_first(client, catalog_of):
    catalog_of(make_profile(slug="laser", efficacy=efficacy(acne_scars=1, texture_tone=3)))

    items = section(parse(client.get(detail_url("laser"))), "helps-heading").find_all("li")

    assert [read(item) for item in items] == [
        "Texture and tone: among the best options (3 of 3). Rationale for texture_tone.",
        "Acne scars: a minor benefit (1 of 3). Rationale for acne_scars.",
    ]


def test_a_health_answer_that_rules_it_out_reads_not_suggested_if_with_the_question(
    client, catalog_of
):
    catalog_of(make_profile(slug="laser", health_rules=health_rules(exclude=["immunosuppressed"])))

    avoid = section(parse(client.get(detail_url("laser"))), "avoid-heading")

    rules = avoid.find("ul", class_="not-suggested").find_all("li")
    question = HEALTH_FLAGS["immunosuppressed"][0]
    assert [rule.text for rule in rules] == [f"{question} Excluded because of immunosuppressed."]
    assert "Not suggested if your answer is “yes” to:" in avoid.text


def test_a_health_answer_that_calls_for_care_reads_discuss_first_if_with_the_question(
    client, catalog_of
):
    catalog_of(make_profile(slug="laser", health_rules=health_rules(caution=["cold_sore_history"])))

    avoid = section(parse(client.get(detail_url("laser"))), "avoid-heading")

    rules = avoid.find("ul", class_="discuss-first").find_all("li")
    question = HEALTH_FLAGS["cold_sore_history"][0]
    assert [rule.text for rule in rules] == [f"{question} Careful because of cold_sore_history."]
    assert avoid.find("ul", class_="not-suggested") is None


def test_health_rules_follow_the_order_of_the_health_screen(client, catalog_of):
    flags = ["recent_facial_radiation", "pregnant_or_breastfeeding", "active_skin_infection"]
    catalog_of(make_profile(slug="laser", health_rules=health_rules(exclude=flags)))

    avoid = section(parse(client.get(detail_url("laser"))), "avoid-heading")

    shown = [rule.find("strong").text for rule in avoid.find_all("li")]
    assert shown == [question for flag, (question, _) in HEALTH_FLAGS.items() if flag in flags]


def test_skin_types_to_avoid_or_take_care_with_are_listed_together_with_their_reasons(
    client, catalog_of
):
    catalog_of(make_profile(slug="laser", skin_types=skin_types(caution=[4], avoid=[5, 6])))

    avoid = section(parse(client.get(detail_url("laser"))), "avoid-heading")

    assert [item.text for item in avoid.find("ul", class_="skin-types").find_all("li")] == [
        "Discuss first for skin type IV: Higher chance of dark or light patches.",
        "Not suggested for skin types V, VI: a high risk of permanent colour change.",
    ]


def test_a_skin_type_nobody_has_reviewed_is_listed_as_not_suggested(client, catalog_of):
    catalog_of(make_profile(slug="laser", skin_types=skin_types(missing=[6])))

    avoid = section(parse(client.get(detail_url("laser"))), "avoid-heading")

    assert [item.text for item in avoid.find("ul", class_="skin-types").find_all("li")] == [
        "Not suggested for skin type VI: its suitability has not been reviewed, so it is never "
        "suggested."
    ]


def test_a_treatment_nothing_rules_out_says_a_professional_still_checks(client, catalog_of):
    catalog_of(make_profile(slug="gentle"))

    avoid = section(parse(client.get(detail_url("gentle"))), "avoid-heading")

    assert avoid.find("li") is None
    assert "a professional still checks your skin and health first" in avoid.text


def test_the_questions_to_ask_the_provider_are_listed(client, catalog_of):
    questions = ("How many of these have you done?", "Will I need a test spot?")
    catalog_of(make_profile(slug="laser", questions=questions))

    asked = section(parse(client.get(detail_url("laser"))), "questions-heading")

    assert tuple(item.text for item in asked.find_all("li")) == questions


def test_without_questions_there_is_no_empty_questions_section(client, catalog_of):
    catalog_of(make_profile(slug="laser"))

    assert section(parse(client.get(detail_url("laser"))), "questions-heading") is None


AAD = Source("AAD-peels", "Chemical peels: overview", "American Academy of Dermatology", 2023,
             "https://www.aad.org/peels")  # fmt: skip
MAYO = Source("Mayo-laser", "Laser resurfacing", "Mayo Clinic", None, "https://mayo.example/l")
FDA = Source("FDA-MN", "Microneedling devices", "US FDA", 2020, "")
JACKSON = Source("Jackson-2014", "Peels in skin of colour", "", 2014, "https://j.example/")


def cited_profile():
    """A treatment citing a source for its figures, an efficacy, a health rule and a skin
    type, one of them twice."""
    return make_profile(
        slug="laser",
        sources=(AAD,),
        efficacy={"acne_scars": Efficacy(3, "Works well.", (MAYO, AAD))},
        health_rules={"immunosuppressed": HealthRule("exclude", "Heals poorly.", (FDA,))},
        skin_types={
            **skin_types(),
            5: Suitability("avoid", "dark patches.", (JACKSON,)),
        },
    )


def test_every_source_the_page_cites_is_listed_once_with_its_details_and_an_anchor(
    client, catalog_of
):
    catalog_of(cited_profile())

    page = parse(client.get(detail_url("laser")))

    listed = section(page, "sources-heading").find("ol").find_all("li")
    assert [item.get("id") for item in listed] == [
        "source-AAD-peels",
        "source-Mayo-laser",
        "source-FDA-MN",
        "source-Jackson-2014",
    ]
    aad = page.by_id("source-AAD-peels")
    assert read(aad) == "Chemical peels: overview, American Academy of Dermatology, 2023."
    assert aad.find("a").get("href") == "https://www.aad.org/peels"
    assert read(page.by_id("source-Mayo-laser")) == "Laser resurfacing, Mayo Clinic."
    assert page.by_id("source-FDA-MN").find("a") is None  # no address to link to
    assert read(page.by_id("source-Jackson-2014")) == "Peels in skin of colour, 2014."


def test_each_statement_links_to_the_sources_it_rests_on(client, catalog_of):
    catalog_of(cited_profile())

    page = parse(client.get(detail_url("laser")))

    def cited(element):
        return [a.get("href") for a in element.find_all("a", class_="citation")]

    assert cited(section(page, "helps-heading")) == ["#source-Mayo-laser", "#source-AAD-peels"]
    assert cited(page.find("p", class_="figure-sources")) == ["#source-AAD-peels"]
    avoid = section(page, "avoid-heading")
    assert cited(avoid.find("ul", class_="not-suggested")) == ["#source-FDA-MN"]
    assert cited(avoid.find("ul", class_="skin-types")) == ["#source-Jackson-2014"]
    # The number shown is the source's number in the list.
    assert section(page, "helps-heading").find("a", class_="citation").text == "source [2]"


def test_every_source_a_recommendation_cites_has_its_anchor_on_the_treatments_page(client):
    # The results page links each reason's sources to /treatments/<slug>/#source-<key>.
    answers = make_answers(
        fitzpatrick=5,
        concerns=ALL_CONCERNS,
        max_downtime_days=7,
        health=["isotretinoin_recent", "cold_sore_history", "active_inflammatory_acne"],
    )
    result = recommend(answers, current_catalog())
    cited = {
        entry["slug"]: {
            key
            for reason in [*entry["reasons"], *entry.get("cautions", ())]
            for key in reason["sources"]
        }
        for entry in [*result["candidates"], *result["excluded"]]
    }
    assert any(cited.values())

    for slug, keys in cited.items():
        page = parse(client.get(detail_url(slug)))
        assert {key for key in keys if page.by_id(f"source-{key}") is None} == set(), slug


def test_a_page_without_sources_says_they_have_not_been_added_yet(client, catalog_of):
    catalog_of(make_profile(slug="laser"))

    sources = section(parse(client.get(detail_url("laser"))), "sources-heading")

    assert sources.find("ol") is None
    assert "have not been added yet" in sources.text


def test_the_reviewer_and_the_review_date_are_shown(client, catalog_of):
    catalog_of(make_profile(slug="laser", reviewed_by="Dr Ada Byron, MD", reviewed_on="2026-11-20"))

    review = section(parse(client.get(detail_url("laser"))), "review-heading")

    assert read(review.find("p")) == "Reviewed by Dr Ada Byron, MD on 20 November 2026."
    assert review.find("time").get("datetime") == "2026-11-20"


def test_a_page_nobody_has_reviewed_says_so_with_the_clinics_name(client, catalog_of):
    catalog_of(make_profile(slug="laser"))
    clinic = Clinic.objects.get(pk=1)

    review = section(parse(client.get(detail_url("laser"))), "review-heading")

    assert review.find("p").text == f"Not yet reviewed by a clinician at {clinic.name}."


def test_the_treatment_page_links_to_the_questionnaire_and_back_to_every_treatment(client):
    urls = parse(client.get(detail_url("microneedling"))).urls()

    assert reverse("intake:start") in urls
    assert INDEX in urls


def test_while_the_catalog_is_fresh_a_treatment_page_costs_no_query(
    client, django_assert_max_num_queries
):
    client.get(detail_url("microneedling"))

    with django_assert_max_num_queries(0):
        assert client.get(detail_url("laser-ablative")).status_code == 200


# -- Around the pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", [INDEX, detail_url("microneedling")])
def test_the_treatment_pages_say_they_are_not_medical_advice_and_how_to_reach_the_clinic(
    client, url
):
    clinic = Clinic.objects.get(pk=1)

    page = parse(client.get(url))

    assert "Not medical advice." in page.find("aside").text
    assert clinic.name in page.find("address").text


def test_the_home_page_links_to_the_treatments(client):
    main = parse(client.get("/")).find("main")

    assert main.find("a", href=INDEX).text == "compare the treatments side by side"


@pytest.mark.parametrize("url", ["/", step_url("concerns"), reverse("clinic:privacy")])
def test_the_site_header_links_to_the_treatments(client, url):
    header = parse(client.get(url)).find("header")

    assert header.find("a", href=INDEX).text == "Treatments"
