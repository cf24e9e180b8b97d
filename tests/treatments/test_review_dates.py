"""A treatment's medical review (who, when) and its questions to ask the provider: nobody has
reviewed the default content, a review falls due after CONTENT_REVIEW_MONTHS, staff see and filter
what is due, and the engine's snapshot carries all of it."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import TreatmentFactory
from tests.intake.markup import parse
from treatments.catalog import load_catalog
from treatments.models import Treatment, months_before

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 20)


def changelist(client, **query):
    return client.get(reverse("admin:treatments_treatment_changelist"), query)


def listed(response):
    return {treatment.slug for treatment in response.context["cl"].result_list}


def profile_of(slug):
    return next(profile for profile in load_catalog() if profile.slug == slug)


# --- When a review is due ---------------------------------------------------------------------


def test_nobody_is_named_as_having_reviewed_the_default_content():
    assert set(Treatment.objects.values_list("reviewed_by", "reviewed_on")) == {("", None)}


def test_a_treatment_never_reviewed_is_due():
    assert Treatment(reviewed_on=None).review_due(TODAY)


def test_a_review_exactly_twelve_months_old_is_not_yet_due():
    assert not Treatment(reviewed_on=date(2025, 11, 20)).review_due(TODAY)


def test_a_review_a_day_older_than_twelve_months_is_due():
    assert Treatment(reviewed_on=date(2025, 11, 19)).review_due(TODAY)


def test_the_months_a_review_lasts_are_the_clinics_setting(settings):
    settings.CONTENT_REVIEW_MONTHS = 6

    assert Treatment(reviewed_on=date(2026, 5, 19)).review_due(TODAY)
    assert not Treatment(reviewed_on=date(2026, 5, 20)).review_due(TODAY)


def test_a_month_back_from_the_31st_is_the_last_day_of_a_shorter_month():
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2028, 3, 31), 1) == date(2028, 2, 29)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_the_database_finds_the_same_treatments_due_as_each_treatment_says():
    TreatmentFactory(slug="fresh", reviewed_on=TODAY - timedelta(days=30))
    TreatmentFactory(slug="stale", reviewed_on=date(2024, 1, 1))

    due = set(Treatment.objects.review_due(TODAY).values_list("slug", flat=True))

    assert due == {t.slug for t in Treatment.objects.all() if t.review_due(TODAY)}
    assert "stale" in due and "fresh" not in due


# --- What staff see -----------------------------------------------------------------------------


def test_the_treatment_list_shows_which_reviews_are_due(admin_client):
    TreatmentFactory(name="Fresh", reviewed_on=timezone.localdate())

    page = parse(changelist(admin_client))

    due = {
        row.find("th", class_="field-name").text: row.find("td", class_="field-review_due")
        .find("img")
        .get("alt")
        for row in page.find("table", id="result_list").find("tbody").find_all("tr")
    }
    assert due["Fresh"] == "False"
    assert due["Microneedling (collagen induction therapy)"] == "True"


def test_staff_filter_the_treatments_whose_review_is_due(admin_client):
    TreatmentFactory(slug="fresh", reviewed_on=timezone.localdate())

    due = listed(changelist(admin_client, review_due="yes"))
    current = listed(changelist(admin_client, review_due="no"))

    assert current == {"fresh"}
    assert "microneedling" in due and "fresh" not in due


def test_the_change_page_asks_who_reviewed_the_content_and_when(admin_client):
    microneedling = Treatment.objects.get(slug="microneedling")

    response = admin_client.get(
        reverse("admin:treatments_treatment_change", args=[microneedling.pk])
    )

    form = response.context["adminform"].form
    assert {"reviewed_by", "reviewed_on", "questions_en", "sources"} <= set(form.fields)


# --- In the engine's snapshot -------------------------------------------------------------------


def test_the_snapshot_says_who_reviewed_the_content_and_on_which_date():
    TreatmentFactory(
        slug="reviewed", reviewed_by="Dr A. Smith, dermatologist", reviewed_on=date(2026, 10, 1)
    )

    profile = profile_of("reviewed")

    assert (profile.reviewed_by, profile.reviewed_on) == (
        "Dr A. Smith, dermatologist",
        "2026-10-01",
    )


def test_the_snapshot_of_content_never_reviewed_has_no_reviewer_and_no_date():
    profile = profile_of("microneedling")

    assert (profile.reviewed_by, profile.reviewed_on) == ("", "")


# --- Questions to ask the provider --------------------------------------------------------------


def test_the_questions_are_the_lines_of_the_text_without_blank_ones_or_spaces():
    TreatmentFactory(slug="asked", questions="  First question?  \n\n\tSecond question?\n  \n")

    assert profile_of("asked").questions == ("First question?", "Second question?")


def test_no_questions_give_an_empty_list():
    TreatmentFactory(slug="unasked", questions="")

    assert profile_of("unasked").questions == ()


def test_every_default_treatment_has_three_to_five_questions_to_ask():
    counts = {profile.slug: len(profile.questions) for profile in load_catalog()}

    assert len(counts) == 9
    assert all(3 <= count <= 5 for count in counts.values()), counts


def test_the_deep_peels_questions_ask_about_anaesthesia_and_the_heart():
    questions = " ".join(profile_of("chemical-peel-deep").questions)

    assert "anaesthetic" in questions and "heart" in questions
