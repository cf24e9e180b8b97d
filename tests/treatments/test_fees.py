"""Fees in the clinic's currency, written for its locale (Babel): the results page, its printed
summary, the CSV export, the admin, the API and its OpenAPI document. Each treatment says whether
its fee is the clinic's own price or the typical range it was seeded with, and an intake keeps
the currency it was shown in."""

import csv
import io
import re

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from clinic.models import Clinic
from intake.models import Intake
from tests import worked_example
from tests.factories import CONTENT_EDITOR, REVIEWER, make_intake, make_staff_user
from tests.intake.helpers import WORKED_EXAMPLE, result_url
from tests.intake.markup import parse
from tests.resurfacing.api_client import OPENAPI_URL, fresh_rate_limits, post
from treatments.models import CatalogVersion, Treatment

pytestmark = pytest.mark.django_db

# What a clinic in dollars shows, and a clinic in euros must never show.
DOLLAR_SIGNS = ("$", "USD", "US fees", "US dollar")


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    with fresh_rate_limits(monkeypatch) as clock:
        yield clock


def clinic_in(currency, locale):
    """The administrator sets the clinic's currency and locale (saving forgets the profile)."""
    clinic = Clinic.objects.get(pk=1)
    clinic.currency, clinic.locale = currency, locale
    clinic.save()


@pytest.fixture
def in_euros():
    clinic_in("EUR", "de_DE")


def assert_no_dollars(text):
    shown = [sign for sign in DOLLAR_SIGNS if sign in text]
    assert not shown, f"{shown} in {text!r:.300}"


def candidate_article(page, slug):
    return page.find("article", aria_labelledby=f"candidate-{slug}")


def facts(article):
    return {
        dt.text: dd.text
        for dt, dd in zip(article.find_all("dt"), article.find_all("dd"), strict=True)
    }


def results_page(client, intake):
    response = client.get(result_url(intake))
    assert response.status_code == 200
    return response


# --- Printing: the page without what static/css/print.css hides -------------------------------


def print_hidden_selectors():
    css = (settings.BASE_DIR / "static" / "css" / "print.css").read_text()
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors = []
    for group, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        if re.search(r"display:\s*none", body):
            selectors += [selector.strip() for selector in group.split(",")]
    return selectors


COMPOUND = re.compile(
    r"^(?P<tag>[a-z0-9]+)?(?P<classes>(?:\.[\w-]+)*)(?::not\(\.(?P<not>[\w-]+)\))?$"
)


def _matches_compound(element, compound):
    parts = COMPOUND.match(compound)
    assert parts, f"print.css selector {compound!r} is beyond this test's reader"
    classes = set((element.get("class") or "").split())
    wanted = {name for name in parts["classes"].split(".") if name}
    return (
        (parts["tag"] is None or element.tag == parts["tag"])
        and wanted <= classes
        and (parts["not"] is None or parts["not"] not in classes)
    )


def _matches(element, selector):
    *ancestors, last = selector.split()
    if not _matches_compound(element, last):
        return False
    parent = element.parent
    for compound in reversed(ancestors):
        while parent is not None and not _matches_compound(parent, compound):
            parent = parent.parent
        if parent is None:
            return False
        parent = parent.parent
    return True


def printed_text(response):
    """The text of the printed page: every element print.css hides is left out."""
    hidden = print_hidden_selectors()
    assert ".compare" in hidden, "the test reads print.css as it was written"

    def text(element):
        parts = []
        for child in element.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in ("head", "script", "style") and not any(
                _matches(child, selector) for selector in hidden
            ):
                parts.append(text(child))
        return " ".join(parts)

    return re.sub(r"\s+", " ", text(parse(response))).strip()


# --- The results page ---------------------------------------------------------------------------


def test_in_euros_for_germany_the_results_page_writes_fees_as_babel_does(client, in_euros):
    intake = make_intake(steps=WORKED_EXAMPLE)

    page = parse(results_page(client, intake))

    # Section 2 of the clinical basis: microneedling 200-700 a session, 3-6 sessions; medium
    # peel 600-1,500, 1-2 sessions.
    assert (
        facts(candidate_article(page, "microneedling")).items()
        >= {
            "Cost per session": "200 €–700 €",
            "Whole course": "600 €–4.200 €",
        }.items()
    )
    assert facts(candidate_article(page, "chemical-peel-medium"))["Cost per session"] == (
        "600 €–1.500 €"
    )
    cost_chart = page.by_id("compare-heading").parent.find_all("figure")[1]
    assert "Microneedling (collagen induction therapy): 600 € to 4.200 €" in [
        re.sub(r"\s+", " ", bar.get("aria-label")).strip() for bar in cost_chart.find_all("svg")
    ]


def test_in_euros_no_dollar_sign_usd_or_us_fees_appear_anywhere_on_the_results_page(
    client, in_euros
):
    intake = make_intake(steps=WORKED_EXAMPLE)

    response = results_page(client, intake)

    assert "€" in parse(response).text
    assert_no_dollars(response.content.decode())  # text, attributes and all


def test_in_euros_the_printed_summary_shows_euros_and_no_dollars(client, in_euros):
    intake = make_intake(steps=WORKED_EXAMPLE)

    printed = printed_text(results_page(client, intake))

    assert "Cost per session 200 €–700 €" in printed
    assert "Typical range, not a quote" in printed
    assert_no_dollars(printed)


def test_a_treatment_marked_our_price_says_so_on_the_results_page(client):
    Treatment.objects.filter(slug="microneedling").update(fee_kind="ours")
    intake = make_intake(steps=WORKED_EXAMPLE)

    page = parse(results_page(client, intake))

    article = candidate_article(page, "microneedling")
    assert article.find("p", class_="fee-kind").text == "Our price"
    assert "Typical range" not in article.text


def test_a_treatment_with_the_seeded_figures_says_typical_range_not_a_quote(client):
    intake = make_intake(steps=WORKED_EXAMPLE)

    page = parse(results_page(client, intake))

    for slug in worked_example.CANDIDATE_SLUGS:
        article = candidate_article(page, slug)
        assert article.find("p", class_="fee-kind").text == "Typical range, not a quote", slug
        assert "Our price" not in article.text


def test_an_intake_stored_in_dollars_still_shows_dollars_after_the_clinic_switches_to_euros(
    client,
):
    intake = make_intake(steps=WORKED_EXAMPLE)
    assert intake.recommendation["currency"] == "USD"
    before = facts(candidate_article(parse(results_page(client, intake)), "microneedling"))

    clinic_in("EUR", "en_US")
    after = parse(results_page(client, intake))

    assert before["Cost per session"] == "$200–$700"
    assert facts(candidate_article(after, "microneedling")) == before
    assert "€" not in after.text
    assert Intake.objects.get(pk=intake.pk).recommendation["currency"] == "USD"


def test_an_intake_stored_in_euros_keeps_euros_and_takes_the_clinics_locale(client):
    clinic_in("EUR", "de_DE")
    intake = make_intake(steps=WORKED_EXAMPLE)

    clinic_in("EUR", "en_IE")
    page = parse(results_page(client, intake))

    assert facts(candidate_article(page, "microneedling"))["Whole course"] == "€600–€4,200"


def test_an_intake_stored_before_fees_carried_a_currency_shows_its_us_dollars(client):
    """Stored by the engine of before: `cost_usd` and `course_cost_usd`, no currency."""
    intake = make_intake(steps=WORKED_EXAMPLE)
    recommendation = intake.recommendation
    del recommendation["currency"]
    for candidate in recommendation["candidates"]:
        candidate["cost_usd"] = candidate.pop("fees")
        candidate["course_cost_usd"] = candidate.pop("course_fees")
        del candidate["fee_kind"]
    Intake.objects.filter(pk=intake.pk).update(recommendation=recommendation)
    clinic_in("EUR", "de_DE")

    page = parse(results_page(client, intake))

    assert (
        facts(candidate_article(page, "microneedling")).items()
        >= {
            # English as written in Germany: US dollars are "US$" there.
            "Cost per session": "200 US$–700 US$",
            "Whole course": "600 US$–4.200 US$",
        }.items()
    )
    assert "€" not in page.text


# --- Staff: the intake's page, the CSV export, the treatment list -------------------------------


@pytest.fixture
def reviewer_client(client):
    client.force_login(make_staff_user(REVIEWER))
    return client


def snapshot_text(client, intake):
    response = client.get(reverse("admin:intake_intake_change", args=[intake.pk]))
    assert response.status_code == 200
    return parse(response).find("div", class_="field-recommendation_snapshot").text


def test_the_reviewers_see_the_fees_in_the_currency_the_patient_saw(reviewer_client):
    in_dollars = make_intake(steps=WORKED_EXAMPLE)
    clinic_in("EUR", "de_DE")
    in_euros = make_intake(steps=WORKED_EXAMPLE)

    dollars, euros = (
        snapshot_text(reviewer_client, in_dollars),
        snapshot_text(reviewer_client, in_euros),
    )

    assert "3–6 sessions; 200 US$–700 US$ per session, typical range" in dollars
    assert "3–6 sessions; 200 €–700 € per session, typical range" in euros
    assert_no_dollars(euros)


def test_in_euros_the_csv_export_holds_no_dollars(reviewer_client, in_euros):
    make_intake(steps=WORKED_EXAMPLE)

    response = reviewer_client.get(reverse("admin:intake_intake_export"))

    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert len(list(csv.DictReader(io.StringIO(text)))) == 1
    assert_no_dollars(text)


def test_in_euros_the_treatment_list_shows_fees_per_session_in_euros(client, in_euros):
    client.force_login(make_staff_user(CONTENT_EDITOR))

    response = client.get(reverse("admin:treatments_treatment_changelist"))

    assert response.status_code == 200
    page = parse(response)
    headers = [th.text for th in page.find("table", id="result_list").find("thead").find_all("th")]
    assert "Fee per session" in headers
    assert "200 €–700 €" in page.text
    assert "Typical range, not a quote" in page.text
    assert_no_dollars(response.content.decode())


def test_the_treatment_form_names_the_clinics_currency(client, in_euros):
    client.force_login(make_staff_user(CONTENT_EDITOR))
    treatment = Treatment.objects.get(slug="microneedling")

    response = client.get(reverse("admin:treatments_treatment_change", args=[treatment.pk]))

    assert "Fees are per session, in EUR" in parse(response).text


# --- The API and its document -------------------------------------------------------------------


def test_in_euros_each_api_result_carries_the_currency_eur(client, in_euros):
    one = post(client, worked_example.INTAKE)
    batch = post(client, [worked_example.INTAKE, {**worked_example.INTAKE, "fitzpatrick": 2}])

    assert one.status_code == batch.status_code == 200
    assert one.json()["currency"] == "EUR"
    assert [result["currency"] for result in batch.json()] == ["EUR", "EUR"]


def test_in_euros_the_api_answer_holds_no_dollars(client, in_euros):
    response = post(client, worked_example.INTAKE)

    first = response.json()["candidates"][0]
    assert (first["fees"], first["course_fees"], first["fee_kind"]) == (
        [200, 700],
        [600, 4200],
        "typical",
    )
    assert_no_dollars(response.content.decode())
    assert "usd" not in response.content.decode()


def test_the_api_names_the_new_currency_as_soon_as_the_clinic_changes_it(client):
    assert post(client, worked_example.INTAKE).json()["currency"] == "USD"

    clinic_in("GBP", "en_GB")

    assert post(client, worked_example.INTAKE).json()["currency"] == "GBP"


def descriptions(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("description", "title", "summary") and isinstance(item, str):
                yield item
            else:
                yield from descriptions(item)
    elif isinstance(value, list):
        for item in value:
            yield from descriptions(item)


def test_the_openapi_document_names_the_fees_and_their_currency_without_dollars(client, in_euros):
    response = client.get(OPENAPI_URL)
    document = response.json()
    schemas = document["components"]["schemas"]

    candidate = schemas["Result"]["properties"]["candidates"]["items"]
    assert {"fees", "course_fees", "fee_kind"} <= set(candidate["required"])
    assert candidate["properties"]["fee_kind"]["enum"] == ["typical", "ours"]
    assert "currency" in schemas["Result"]["required"]
    assert "ISO 4217" in schemas["Result"]["properties"]["currency"]["description"]
    text = response.content.decode()
    assert "USD" not in text and "US fees" not in text and "usd" not in text
    for description in descriptions(document):
        assert_no_dollars(description)


# --- The migration ------------------------------------------------------------------------------

BEFORE = ("treatments", "0006_catalog_version_triggers")
FEES = ("treatments", "0007_fees_in_the_clinics_currency")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_todays_figures_as_typical_fees():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("treatments")
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps.get_model("treatments", "Treatment")
    # A clinic's own edit before the upgrade, besides the seeded figures.
    old.objects.filter(slug="microneedling").update(cost_min_usd=250, cost_max_usd=800)
    today = {t.slug: (t.cost_min_usd, t.cost_max_usd) for t in old.objects.all()}

    executor = MigrationExecutor(connection)
    executor.migrate([FEES])
    new = executor.loader.project_state([FEES]).apps.get_model("treatments", "Treatment")
    migrated = {t.slug: (t.fee_min, t.fee_max) for t in new.objects.all()}
    kinds = set(new.objects.values_list("fee_kind", flat=True))
    MigrationExecutor(connection).migrate(latest)

    assert len(today) == 9
    assert migrated == today
    assert migrated["microneedling"] == (250, 800)
    assert kinds == {"typical"}
    # The renamed check constraint still holds, and changes still raise the catalog version.
    version = CatalogVersion.current()
    Treatment.objects.filter(slug="microdermabrasion").update(fee_max=350)
    assert CatalogVersion.current() > version
    with pytest.raises(IntegrityError), transaction.atomic():
        Treatment.objects.filter(slug="microdermabrasion").update(fee_min=400)
