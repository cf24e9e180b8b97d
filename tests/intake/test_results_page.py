"""The results page: the stored recommendation, explained, and nothing but it."""

import pytest

from intake.results import BRING_TO_CONSULTATION
from tests.factories import make_intake
from tests.intake.helpers import (
    HOME_URL,
    NO_CANDIDATE,
    ONE_CANDIDATE,
    WORKED_EXAMPLE,
    WORKED_EXAMPLE_CANDIDATES,
    WORKED_EXAMPLE_EXCLUDED,
    another_token,
    answers,
    health_answers,
    result_url,
)
from tests.intake.markup import parse
from treatments.models import Treatment

pytestmark = pytest.mark.django_db

# The results page reads one row, whatever the number of candidates (a small margin for
# sessions or middleware).
QUERY_BUDGET = 3


@pytest.fixture
def intake():
    """The worked example of docs/clinical-basis.md: six candidates, three excluded."""
    return make_intake(steps=WORKED_EXAMPLE)


@pytest.fixture
def page(client, intake):
    response = client.get(result_url(intake))
    assert response.status_code == 200
    return parse(response)


def candidate_article(page, slug):
    return page.find("article", aria_labelledby=f"candidate-{slug}")


def money(amount):
    return f"${amount:,}"


def test_the_results_page_lists_the_candidates_best_match_first(page):
    headings = [h.get("id") for h in page.find_all("h3") if (h.get("id") or "").startswith("cand")]

    assert headings == [f"candidate-{slug}" for slug in WORKED_EXAMPLE_CANDIDATES]


def test_each_candidate_is_numbered_by_its_rank(page, intake):
    for position, candidate in enumerate(intake.recommendation["candidates"], start=1):
        heading = page.by_id(f"candidate-{candidate['slug']}")
        assert heading.text == f"{position}. {candidate['name']}"


def test_each_candidate_shows_why_it_may_fit(page, intake):
    for candidate in intake.recommendation["candidates"]:
        article = candidate_article(page, candidate["slug"])
        shown = [li.text for li in article.find_all("li")]
        assert candidate["reasons"]
        assert all(reason in shown for reason in candidate["reasons"]), candidate["slug"]


def test_each_candidate_shows_its_cautions(page, intake):
    for candidate in intake.recommendation["candidates"]:
        article = candidate_article(page, candidate["slug"])
        cautions = article.find("ul", class_="cautions")
        assert [li.text for li in cautions.find_all("li")] == candidate["cautions"]


def test_each_candidate_shows_recovery_sessions_and_costs(page, intake):
    for candidate in intake.recommendation["candidates"]:
        facts = {
            dt.text: dd.text
            for dt, dd in zip(
                candidate_article(page, candidate["slug"]).find_all("dt"),
                candidate_article(page, candidate["slug"]).find_all("dd"),
                strict=True,
            )
        }
        (down_min, down_max), (sessions_min, sessions_max) = (
            candidate["downtime_days"],
            candidate["sessions"],
        )
        cost_min, cost_max = candidate["fees"]
        assert facts["Recovery"] == f"{down_min}–{down_max} days"
        assert facts["Sessions"] in (f"{sessions_min}–{sessions_max}", f"{sessions_min}")
        assert facts["Cost per session"] == f"{money(cost_min)}–{money(cost_max)}"
        assert facts["Whole course"] == (
            f"{money(cost_min * sessions_min)}–{money(cost_max * sessions_max)}"
        )


def test_the_whole_course_cost_is_the_session_cost_times_the_sessions(page):
    # Guide: microneedling costs $200-$700 a session, 3-6 sessions.
    article = candidate_article(page, "microneedling")

    assert "Whole course $600–$4,200" in article.text
    assert "Cost per session $200–$700" in article.text
    assert "Recovery 1–3 days" in article.text
    assert "Sessions 3–6" in article.text


def test_a_single_session_is_not_shown_as_a_range(client):
    # Deep peel and full ablative laser are done once (docs/clinical-basis.md, section 2); a
    # type I patient accepting any recovery may be offered them.
    intake = make_intake(
        steps=answers(
            skin_type={"method": "stated", "stated_type": "1"},
            recovery={"recovery": "more_than_2_weeks"},
            concerns={"concerns": ["fine_lines_wrinkles"]},
            health=health_answers(),
        )
    )
    single = [c for c in intake.recommendation["candidates"] if c["sessions"] == [1, 1]]
    assert single, "the test needs a one-session candidate"

    article = candidate_article(parse(client.get(result_url(intake))), single[0]["slug"])

    assert "Sessions 1 " in article.text + " "


def test_the_not_suggested_section_lists_every_excluded_treatment_with_its_reasons(page, intake):
    heading = page.by_id("excluded-heading")
    assert heading.text == "Not suggested for you"
    section = heading.parent
    for excluded in intake.recommendation["excluded"]:
        assert excluded["name"] in section.text
        assert all(reason in section.text for reason in excluded["reasons"])
    assert [e["slug"] for e in intake.recommendation["excluded"]] == WORKED_EXAMPLE_EXCLUDED


def test_the_page_says_it_is_not_medical_advice(page):
    notice = page.by_id("notice-heading").parent

    assert "not medical advice" in notice.text.lower()
    assert "consult a qualified professional" in notice.text.lower()
    assert "not a diagnosis or medical advice" in notice.text


def test_the_page_says_the_skin_type_is_an_estimate(page):
    assert "Your skin type (Type IV) is an estimate" in page.by_id("notice-heading").parent.text


def test_the_page_lists_what_to_bring_to_the_consultation(page):
    section = page.by_id("bring-heading").parent

    assert section.find("h2").text == "What to bring to your consultation"
    assert [li.text for li in section.find_all("li")] == BRING_TO_CONSULTATION


def test_the_page_compares_candidates_in_inline_svg_charts(page):
    compare = page.by_id("compare-heading").parent
    charts = compare.find_all("figure")

    assert len(charts) == 2  # recovery time and cost of a whole course
    for chart in charts:
        bars = chart.find_all("svg")
        assert len(bars) == len(WORKED_EXAMPLE_CANDIDATES)
        assert all(bar.get("role") == "img" and bar.get("aria-label") for bar in bars)


def test_the_cost_chart_shows_whole_course_ranges(page):
    cost_chart = page.by_id("compare-heading").parent.find_all("figure")[1]

    assert "Microneedling (collagen induction therapy): $600 to $4,200" in [
        bar.get("aria-label").strip() for bar in cost_chart.find_all("svg")
    ]


def test_the_page_links_a_print_stylesheet(page):
    links = [
        link for link in page.find_all("link", rel="stylesheet") if link.get("media") == "print"
    ]

    assert [link.get("href") for link in links] == ["/static/css/print.css"]


def test_the_page_offers_download_and_delete(page, intake):
    hrefs = page.urls()

    assert f"{result_url(intake)}download/" in hrefs
    assert f"{result_url(intake)}delete/" in hrefs


def test_the_page_shows_the_answers_it_is_based_on(page):
    answers_section = page.by_id("answers-heading").parent.text

    assert "Acne scars, Large pores" in answers_section
    assert "Up to 1 week" in answers_section
    assert "cold sores" in answers_section


def test_an_unknown_token_is_not_found(client, intake):
    assert client.get(result_url(another_token(intake.token))).status_code == 404
    assert client.get(result_url("not-a-token")).status_code == 404


def test_the_intake_id_is_not_a_results_address(client, intake):
    assert client.get(result_url(str(intake.pk))).status_code == 404


def test_the_page_shows_the_snapshot_even_after_the_catalog_changes(client, intake):
    Treatment.objects.filter(slug="microneedling").update(
        name="Renamed needling", downtime_min_days=9, downtime_max_days=12, fee_max=9999
    )

    page = parse(client.get(result_url(intake)))

    article = candidate_article(page, "microneedling")
    assert "Microneedling (collagen induction therapy)" in article.text
    assert "Recovery 1–3 days" in article.text
    assert "Renamed needling" not in page.text
    assert "9,999" not in page.text


def test_the_page_still_shows_a_treatment_removed_from_the_catalog(client, intake):
    Treatment.objects.filter(slug="microneedling").update(is_active=False)

    page = parse(client.get(result_url(intake)))

    assert candidate_article(page, "microneedling") is not None


def test_with_no_candidate_the_page_says_so_kindly(client):
    intake = make_intake(steps=answers(NO_CANDIDATE))
    assert intake.recommendation["candidates"] == []

    page = parse(client.get(result_url(intake)))

    none_section = page.by_id("none-heading").parent
    assert page.by_id("none-heading").text == "No treatment suits your answers right now"
    assert "consultation" in none_section.text
    assert page.by_id("candidates-heading") is None
    assert page.by_id("compare-heading") is None


def test_with_no_candidate_every_treatment_is_listed_with_its_reasons(client):
    intake = make_intake(steps=answers(NO_CANDIDATE))

    section = parse(client.get(result_url(intake))).by_id("excluded-heading").parent

    assert len(section.find_all("h3")) == Treatment.objects.filter(is_active=True).count()
    assert "pregnan" in section.text.lower()


def test_the_number_of_queries_does_not_grow_with_the_number_of_candidates(
    client, intake, django_assert_max_num_queries
):
    few = make_intake(steps=answers(ONE_CANDIDATE))
    client.get(HOME_URL)  # the clinic's profile, read once a second by any page
    assert len(intake.recommendation["candidates"]) == 6
    assert len(few.recommendation["candidates"]) == 1

    with django_assert_max_num_queries(QUERY_BUDGET) as six_candidates:
        assert client.get(result_url(intake)).status_code == 200
    with django_assert_max_num_queries(QUERY_BUDGET) as one_candidate:
        assert client.get(result_url(few)).status_code == 200

    assert len(six_candidates.captured_queries) == len(one_candidate.captured_queries)


def test_the_results_page_is_not_cached(client, intake):
    response = client.get(result_url(intake))

    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_the_results_address_is_not_sent_to_other_sites_as_a_referrer(client, intake):
    # The token in the address is the only key to the answers.
    response = client.get(result_url(intake))

    assert response["Referrer-Policy"] in ("no-referrer", "same-origin", "strict-origin")
