"""The results page: the stored recommendation, explained, and nothing but it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from intake.models import Intake
from intake.results import BRING_ALWAYS, BRING_IF_YES, BRING_LAST
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

# Every treatment ruled out by pregnancy, and by nothing else for those the worked example
# suggests.
PREGNANT = answers(health=health_answers("cold_sore_history", "pregnant_or_breastfeeding"))


@pytest.fixture
def intake():
    """The worked example of docs/clinical-basis.md: six candidates, three excluded."""
    return make_intake(steps=WORKED_EXAMPLE)


@pytest.fixture
def page(client, intake):
    return results_page(client, intake)


def results_page(client, intake):
    response = client.get(result_url(intake))
    assert response.status_code == 200
    return parse(response)


def candidate_article(page, slug):
    return page.find("article", aria_labelledby=f"candidate-{slug}")


def summary_of(page, slug):
    return candidate_article(page, slug).find("summary")


def money(amount):
    return f"${amount:,}"


def reason_texts(items):
    """What each reason says, without the links to its sources."""

    def text(element):
        return " ".join(
            child if isinstance(child, str) else text(child)
            for child in element.children
            if isinstance(child, str) or "source-link" not in (child.get("class") or "")
        )

    return [" ".join(text(item).split()) for item in items]


def source_links(element):
    return element.find_all("a", class_="source-link")


def restored(intake, recommendation):
    """The intake with this recommendation stored instead of the one it was given."""
    Intake.objects.filter(pk=intake.pk).update(recommendation=recommendation)
    intake.refresh_from_db()
    return intake


# --- The ranked treatments -----------------------------------------------------------------


def test_the_results_page_lists_the_candidates_best_match_first(page):
    headings = [h.get("id") for h in page.find_all("h3") if (h.get("id") or "").startswith("cand")]

    assert headings == [f"candidate-{slug}" for slug in WORKED_EXAMPLE_CANDIDATES]


def test_each_candidate_is_numbered_by_its_rank(page, intake):
    for position, candidate in enumerate(intake.recommendation["candidates"], start=1):
        heading = page.by_id(f"candidate-{candidate['slug']}")
        assert heading.text == f"{position}. {candidate['name']}"


def test_each_candidate_is_a_row_that_opens_to_its_details(page, intake):
    for candidate in intake.recommendation["candidates"]:
        details = candidate_article(page, candidate["slug"]).find("details")
        assert details is not None and "open" not in details.attrs, candidate["slug"]
        assert details.find("summary").find("h3").text.endswith(candidate["name"])


def test_each_row_says_how_well_it_fits_the_recovery_and_the_whole_course(page):
    # Microneedling scores 5 of 6 for acne scars and large pores: recovery 1-3 days, 3-6
    # sessions of $200-$700.
    summary = summary_of(page, "microneedling").text

    assert "Top match very good fit (5 of 6)" in summary
    assert "Recovery 1–3 days" in summary
    assert "Whole course $600–$4,200" in summary


def test_a_top_match_is_the_engines_and_the_others_are_also_possible(page, intake):
    top = {c["slug"] for c in intake.recommendation["candidates"] if c["top_match"]}
    assert top == {"microneedling", "laser-ablative-fractional"}  # 5 of 6, the best score

    for candidate in intake.recommendation["candidates"]:
        badge = summary_of(page, candidate["slug"]).find("span", class_="badge").text
        assert badge == ("Top match" if candidate["slug"] in top else "Also possible")


def test_the_first_candidate_is_no_top_match_when_the_engine_says_it_is_not(client, intake):
    recommendation = intake.recommendation
    for candidate in recommendation["candidates"]:
        candidate["top_match"] = False
    page = results_page(client, restored(intake, recommendation))

    assert "Top match" not in summary_of(page, "microneedling").text
    assert "Also possible" in summary_of(page, "microneedling").text


def test_each_candidate_shows_why_it_may_fit(page, intake):
    for candidate in intake.recommendation["candidates"]:
        article = candidate_article(page, candidate["slug"])
        shown = reason_texts(article.find("div", class_="why-it-fits").find_all("li"))
        assert shown == [reason["text"] for reason in candidate["reasons"]], candidate["slug"]


def test_each_candidate_shows_its_cautions(page, intake):
    for candidate in intake.recommendation["candidates"]:
        cautions = candidate_article(page, candidate["slug"]).find("ul", class_="cautions")
        shown = reason_texts(cautions.find_all("li"))
        assert shown == [caution["text"] for caution in candidate["cautions"]]


def test_each_candidate_shows_its_risks_and_side_effects(page, intake):
    for candidate in intake.recommendation["candidates"]:
        risks = candidate_article(page, candidate["slug"]).find("p", class_="risks")
        assert candidate["side_effects"] and risks.text == candidate["side_effects"]


def test_each_candidate_shows_the_questions_to_ask_its_provider(client, intake):
    recommendation = intake.recommendation
    recommendation["candidates"][0]["questions"] = [
        "How many of these have you done?",
        "What will my skin look like on day 2?",
    ]
    page = results_page(client, restored(intake, recommendation))

    questions = candidate_article(page, "microneedling").find("ul", class_="questions")
    assert [li.text for li in questions.find_all("li")] == [
        "How many of these have you done?",
        "What will my skin look like on day 2?",
    ]


def test_each_candidate_says_who_reviewed_it_and_when(client, intake):
    recommendation = intake.recommendation
    first, second = recommendation["candidates"][:2]
    first.update(reviewed_by="Dr Ana Ruiz, dermatologist", reviewed_on="2026-11-20")
    second.update(reviewed_by="", reviewed_on="")
    page = results_page(client, restored(intake, recommendation))

    assert (
        candidate_article(page, first["slug"]).find("p", class_="reviewer").text
        == "Medically reviewed by Dr Ana Ruiz, dermatologist on 20 November 2026."
    )
    assert (
        candidate_article(page, second["slug"]).find("p", class_="reviewer").text
        == "Not yet medically reviewed."
    )


def test_each_candidate_links_to_its_public_treatment_page(page, intake):
    for candidate in intake.recommendation["candidates"]:
        article = candidate_article(page, candidate["slug"])
        assert f"/treatments/{candidate['slug']}/" in article.urls()


def test_each_candidate_shows_recovery_sessions_and_costs(page, intake):
    for candidate in intake.recommendation["candidates"]:
        article = candidate_article(page, candidate["slug"])
        facts = {
            dt.text: dd.text
            for dt, dd in zip(article.find_all("dt"), article.find_all("dd"), strict=True)
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
    details = candidate_article(page, "microneedling").find("dl", class_="facts").text

    assert "Whole course $600–$4,200" in details
    assert "Cost per session $200–$700" in details
    assert "Recovery 1–3 days" in details
    assert "Sessions 3–6" in details


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

    article = candidate_article(results_page(client, intake), single[0]["slug"])

    assert "Sessions 1 " in article.text + " "


# --- Sources -------------------------------------------------------------------------------


def every_reason(page):
    return [
        li for reasons in page.find_all("ul", class_="reasons") for li in reasons.find_all("li")
    ]


def reasons_to_show(recommendation):
    """How many reasons the page says: each candidate's, the shared ones once, and each excluded
    treatment's own."""
    shared = {reason["code"] for reason in recommendation["shared_exclusions"]}
    return (
        sum(len(c["reasons"]) + len(c["cautions"]) for c in recommendation["candidates"])
        + len(shared)
        + sum(
            1 for e in recommendation["excluded"] for r in e["reasons"] if r["code"] not in shared
        )
    )


@pytest.mark.parametrize("steps", [WORKED_EXAMPLE, PREGNANT], ids=["worked-example", "pregnant"])
def test_every_reason_links_to_at_least_one_source(client, steps):
    intake = make_intake(steps=steps)

    reasons = every_reason(results_page(client, intake))

    assert len(reasons) == reasons_to_show(intake.recommendation)
    assert [li.text for li in reasons if not source_links(li)] == []


def test_a_source_link_is_named_by_the_sources_title_and_goes_to_its_address(page, intake):
    [microneedling] = [
        c for c in intake.recommendation["candidates"] if c["slug"] == "microneedling"
    ]
    reason = microneedling["reasons"][0]
    cited = [intake.recommendation["sources"][key] for key in reason["sources"]]

    why = candidate_article(page, "microneedling").find("div", class_="why-it-fits")
    links = source_links(why.find("li"))

    assert [(link.get("aria-label"), link.get("href")) for link in links] == [
        (f"Source {number}: {source['title']}", source["url"])
        for number, source in enumerate(cited, start=1)
    ]
    assert {link.get("rel") for link in links} == {"noopener noreferrer"}


def test_a_source_without_an_address_links_to_its_entry_on_the_treatment_page(client, intake):
    recommendation = intake.recommendation
    key = recommendation["candidates"][0]["reasons"][0]["sources"][0]
    recommendation["sources"][key]["url"] = ""
    page = results_page(client, restored(intake, recommendation))

    why = candidate_article(page, "microneedling").find("div", class_="why-it-fits")
    hrefs = [link.get("href") for link in source_links(why.find("li"))]
    assert f"/treatments/microneedling/#source-{key}" in hrefs


def test_each_candidate_lists_the_sources_of_its_figures(page, intake):
    cited = intake.recommendation["sources"]
    for candidate in intake.recommendation["candidates"]:
        assert candidate["sources"], candidate["slug"]
        unknown = [key for key in candidate["sources"] if key not in cited]
        assert unknown == [], f"the result does not cite {candidate['slug']}'s own sources"
        listed = candidate_article(page, candidate["slug"]).find("ul", class_="candidate-sources")
        titles = [link.text for link in listed.find_all("a")]
        assert titles == [cited[key]["title"] for key in candidate["sources"]]


# --- Not suggested -------------------------------------------------------------------------


def test_the_not_suggested_section_lists_every_excluded_treatment_with_its_reasons(page, intake):
    heading = page.by_id("excluded-heading")
    assert heading.text == "Not suggested for you"
    section = heading.parent
    for excluded in intake.recommendation["excluded"]:
        assert excluded["name"] in section.text
        assert all(reason["text"] in section.text for reason in excluded["reasons"])
    assert [e["slug"] for e in intake.recommendation["excluded"]] == WORKED_EXAMPLE_EXCLUDED


def test_a_reason_that_rules_out_every_excluded_treatment_is_said_once_at_the_top(client):
    intake = make_intake(steps=PREGNANT)
    [pregnancy] = intake.recommendation["shared_exclusions"]

    section = results_page(client, intake).by_id("excluded-heading").parent

    shared = section.find("div", class_="shared-exclusions")
    assert reason_texts(shared.find("ul").find_all("li")) == [pregnancy["text"]]
    assert section.text.count(pregnancy["text"]) == 1


def test_a_treatment_ruled_out_only_by_the_shared_reason_lists_just_its_name(client):
    intake = make_intake(steps=PREGNANT)

    section = results_page(client, intake).by_id("excluded-heading").parent

    entries = section.find("ul", class_="excluded-list").find_all("li", class_="mb-2")
    shown = {entry.find("h3").text: entry.find("ul") for entry in entries}
    assert shown["Microneedling (collagen induction therapy)"] is None
    # Deep peel is also ruled out for skin type IV, and says so under its name.
    deep_peel = next(
        e for e in intake.recommendation["excluded"] if e["slug"] == "chemical-peel-deep"
    )
    assert "skin type IV" in shown[deep_peel["name"]].text


def test_the_page_says_what_could_be_discussed_once_the_shared_reason_no_longer_applies(client):
    intake = make_intake(steps=PREGNANT)
    possible = [entry["name"] for entry in intake.recommendation["possible_once_resolved"]]
    assert len(possible) == len(WORKED_EXAMPLE_CANDIDATES)

    shared = (
        results_page(client, intake)
        .by_id("excluded-heading")
        .parent.find("div", class_="shared-exclusions")
    )

    assert f"Once this no longer applies, you could discuss: {', '.join(possible)}." in shared.text


def test_without_a_shared_reason_the_section_has_no_shared_part(page):
    assert page.by_id("excluded-heading").parent.find("div", class_="shared-exclusions") is None


# --- The notice, what to bring, the answers ------------------------------------------------


def test_the_page_says_it_is_not_medical_advice_right_after_the_treatments(page):
    notice = page.by_id("notice-heading").parent
    candidates = page.by_id("candidates-heading").parent

    assert "not medical advice" in notice.text.lower()
    assert "consult a qualified professional" in notice.text.lower()
    assert "not a diagnosis or medical advice" in notice.text
    siblings = [child for child in candidates.parent.children if not isinstance(child, str)]
    assert siblings.index(notice) == siblings.index(candidates) + 1


def test_the_page_says_it_is_not_medical_advice_once_above_the_footer(page):
    main = page.find("main")

    assert main.text.lower().count("not medical advice") == 1
    assert main.text.count("not a diagnosis or medical advice") == 1


def test_the_page_says_the_skin_type_is_an_estimate(page):
    assert "Your skin type (Type IV) is an estimate" in page.by_id("notice-heading").parent.text


def bring_list(page):
    return [li.text for li in page.by_id("bring-heading").parent.find_all("li")]


def test_what_to_bring_always_has_the_medicines_earlier_treatments_and_this_summary(client):
    intake = make_intake(steps=answers(health=health_answers()))

    assert bring_list(results_page(client, intake)) == [*BRING_ALWAYS, BRING_LAST]


@pytest.mark.parametrize(
    "flag",
    ["isotretinoin_recent", "blood_thinners_or_bleeding_disorder", "pregnant_or_breastfeeding"],
)
def test_what_to_bring_asks_for_what_a_yes_makes_useful_and_only_then(client, flag):
    said_yes = make_intake(steps=answers(health=health_answers(flag)))
    said_no = make_intake(steps=answers(health=health_answers()))

    assert BRING_IF_YES[flag] in bring_list(results_page(client, said_yes))
    assert BRING_IF_YES[flag] not in bring_list(results_page(client, said_no))


def test_the_page_shows_the_answers_it_is_based_on(page):
    answers_section = page.by_id("answers-heading").parent.text

    assert "Acne scars, Large pores" in answers_section
    assert "Up to 1 week" in answers_section
    assert "cold sores" in answers_section


def test_what_an_event_did_to_the_recovery_time_is_said_under_the_summary(client):
    event = timezone.localdate() + timedelta(days=12)
    steps = answers(recovery={"recovery": "up_to_2_weeks", "event_date": event.isoformat()})
    page = results_page(client, make_intake(steps=steps))

    header = page.find("p", class_="results-summary").parent
    assert header.find("p", class_="event-note").text.startswith("Because your event is on")


def test_the_recovery_answer_names_the_event(client):
    event = timezone.localdate() + timedelta(days=12)
    steps = answers(recovery={"recovery": "up_to_2_weeks", "event_date": event.isoformat()})
    page = results_page(client, make_intake(steps=steps))

    answers_list = page.by_id("answers-heading").parent.find("dl")
    recovery = next(dt for dt in answers_list.find_all("dt") if dt.text.startswith("Recovery"))
    shown = answers_list.children[answers_list.children.index(recovery) + 1]
    assert f"(event on {event:%-d %B %Y})" in shown.text


# --- Charts, printing, download ------------------------------------------------------------


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


# --- Results stored before reasons had codes and sources -----------------------------------


def as_stored_before(recommendation):
    """The recommendation as intakes stored it before reasons had codes and sources: plain
    strings, no top match, no questions, no sources, nothing shared."""
    candidates = [
        {
            **{k: v for k, v in c.items() if k not in ("top_match", "questions", "sources")},
            "reasons": [r["text"] for r in c["reasons"]],
            "cautions": [r["text"] for r in c["cautions"]],
        }
        for c in recommendation["candidates"]
    ]
    for candidate in candidates:
        del candidate["reviewed_by"], candidate["reviewed_on"]
    excluded = [
        {**e, "reasons": [r["text"] for r in e["reasons"]]} for e in recommendation["excluded"]
    ]
    kept = ("summary", "notice", "currency")
    return {
        "candidates": candidates,
        "excluded": excluded,
        **{key: recommendation[key] for key in kept},
    }


@pytest.fixture
def stored_before(intake):
    new = intake.recommendation
    return new, restored(intake, as_stored_before(new))


def test_results_stored_before_show_their_reasons_and_cautions(client, stored_before):
    new, intake = stored_before

    page = results_page(client, intake)

    for candidate in new["candidates"]:
        article = candidate_article(page, candidate["slug"])
        why = reason_texts(article.find("div", class_="why-it-fits").find_all("li"))
        assert why == [reason["text"] for reason in candidate["reasons"]]
        cautions = reason_texts(article.find("ul", class_="cautions").find_all("li"))
        assert cautions == [caution["text"] for caution in candidate["cautions"]]
    section = page.by_id("excluded-heading").parent.text
    assert all(r["text"] in section for e in new["excluded"] for r in e["reasons"])


def test_results_stored_before_mark_top_matches_by_the_engines_rule(client, stored_before):
    new, intake = stored_before

    page = results_page(client, intake)

    for candidate in new["candidates"]:
        badge = summary_of(page, candidate["slug"]).find("span", class_="badge").text
        assert badge == ("Top match" if candidate["top_match"] else "Also possible")


def test_results_stored_before_say_their_treatments_were_not_reviewed(client, stored_before):
    _, intake = stored_before

    page = results_page(client, intake)

    reviewer = candidate_article(page, "microneedling").find("p", class_="reviewer")
    assert reviewer.text == "Not yet medically reviewed."
    assert candidate_article(page, "microneedling").find("ul", class_="questions") is None


# --- Addresses, queries, caching -----------------------------------------------------------


def test_an_unknown_token_is_not_found(client, intake):
    assert client.get(result_url(another_token(intake.token))).status_code == 404
    assert client.get(result_url("not-a-token")).status_code == 404


def test_the_intake_id_is_not_a_results_address(client, intake):
    assert client.get(result_url(str(intake.pk))).status_code == 404


def test_the_page_shows_the_snapshot_even_after_the_catalog_changes(client, intake):
    Treatment.objects.filter(slug="microneedling").update(
        name="Renamed needling", downtime_min_days=9, downtime_max_days=12, fee_max=9999
    )

    page = results_page(client, intake)

    article = candidate_article(page, "microneedling")
    assert "Microneedling (collagen induction therapy)" in article.text
    assert "Recovery 1–3 days" in article.text
    assert "Renamed needling" not in page.text
    assert "9,999" not in page.text


def test_the_page_still_shows_a_treatment_removed_from_the_catalog(client, intake):
    Treatment.objects.filter(slug="microneedling").update(is_active=False)

    page = results_page(client, intake)

    assert candidate_article(page, "microneedling") is not None


def test_with_no_candidate_the_page_says_so_kindly(client):
    intake = make_intake(steps=answers(NO_CANDIDATE))
    assert intake.recommendation["candidates"] == []

    page = results_page(client, intake)

    none_section = page.by_id("none-heading").parent
    assert page.by_id("none-heading").text == "No treatment suits your answers right now"
    assert "consultation" in none_section.text
    assert page.by_id("candidates-heading") is None
    assert page.by_id("compare-heading") is None


def test_with_no_candidate_every_treatment_is_listed_with_the_reason(client):
    intake = make_intake(steps=answers(NO_CANDIDATE))

    section = results_page(client, intake).by_id("excluded-heading").parent

    assert len(section.find_all("h3")) == Treatment.objects.filter(is_active=True).count()
    assert "pregnan" in section.find("div", class_="shared-exclusions").text.lower()


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
