"""The reviewers' intake list: its columns, filters, search, order and pages, with a number of
queries per page that does not grow with the number of intakes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intake import workflow
from tests.factories import REVIEWER, make_intake, make_staff_user
from tests.intake.markup import parse

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:intake_intake_changelist")


def listed(client, **query):
    """The intakes the list shows for `query`, in its order."""
    response = client.get(LIST_URL, query)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def column_headers(response):
    return [th.text for th in parse(response).find("table", id="result_list").find_all("th")
            if th.get("scope") == "col"]  # fmt: skip


def first_row(response):
    row = parse(response).find("table", id="result_list").find("tbody").find("tr")
    return [cell.text for cell in row.find_all() if cell.tag in ("th", "td")]


def test_the_list_shows_the_reviewers_columns(reviewer_client):
    make_intake()

    headers = column_headers(reviewer_client.get(LIST_URL))

    assert headers[1:] == [
        "Submitted at",
        "Patient",
        "Status",
        "Assignee",
        "Skin type",
        "Concerns",
        "Flags",
        "Follow-ups",
    ]


def test_a_row_shows_the_intakes_values(reviewer_client):
    intake = make_intake(concerns=["acne_scars", "large_pores"], fitzpatrick=4)

    row = first_row(reviewer_client.get(LIST_URL))

    assert row[2] == f"{intake.name} {intake.email}"
    assert row[3:7] == ["New", "-", "Type IV", "Acne scars, Large pores"]
    assert row[8] == "Summary pending, Reminder pending"


def test_a_flagged_intake_is_marked_in_the_list(reviewer_client):
    make_intake(health_yes=["cold_sore_history"])

    page = parse(reviewer_client.get(LIST_URL))

    flags = page.find("td", class_="field-flags")
    assert flags.find("span", class_="warning").text == "Health answer: check"


def test_the_newest_intake_comes_first(reviewer_client):
    old = make_intake(days_ago=3)
    newest = make_intake()
    middle = make_intake(days_ago=1)

    assert listed(reviewer_client) == [newest, middle, old]


def test_the_list_is_paginated(reviewer_client):
    for _ in range(53):
        make_intake(followup_opt_in=False)

    first_page = listed(reviewer_client)
    second_page = listed(reviewer_client, p="2")

    assert (len(first_page), len(second_page)) == (50, 3)
    assert not set(first_page) & set(second_page)


@pytest.mark.parametrize("status", [s for s, _ in workflow.STATUSES])
def test_the_status_filter_keeps_intakes_of_that_status(reviewer_client, status):
    for other in workflow.STATUSES:
        make_intake(status=other[0])

    shown = listed(reviewer_client, status__exact=status)

    assert [intake.status for intake in shown] == [status]


def date_filter_link(client, choice):
    """The query string of the list's "Submitted at" filter link called `choice`."""
    changelist = client.get(LIST_URL).context["cl"]
    spec = next(f for f in changelist.filter_specs if f.title == "submitted at")
    return next(c["query_string"] for c in spec.choices(changelist) if c["display"] == choice)


def listed_by_link(client, query_string):
    response = client.get(LIST_URL + query_string)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_the_date_filter_keeps_todays_intakes(reviewer_client):
    today = make_intake()
    make_intake(days_ago=2)

    shown = listed_by_link(reviewer_client, date_filter_link(reviewer_client, "Today"))

    assert shown == [today]


def test_the_date_filter_keeps_the_past_weeks_intakes(reviewer_client):
    recent = make_intake(days_ago=3)
    make_intake(days_ago=10)

    shown = listed_by_link(reviewer_client, date_filter_link(reviewer_client, "Past 7 days"))

    assert shown == [recent]


def test_the_flagged_filter_keeps_intakes_with_a_health_screen_effect(reviewer_client):
    flagged = make_intake(health_yes=["cold_sore_history"])
    make_intake()

    assert listed(reviewer_client, flagged__exact="1") == [flagged]


def test_the_flagged_filter_can_keep_the_unflagged_ones(reviewer_client):
    make_intake(health_yes=["cold_sore_history"])
    plain = make_intake()

    assert listed(reviewer_client, flagged__exact="0") == [plain]


@pytest.mark.parametrize("concern", ["acne_scars", "large_pores", "texture_tone"])
def test_the_concern_filter_keeps_intakes_with_that_concern(reviewer_client, concern):
    acne = make_intake(concerns=["acne_scars"])
    both = make_intake(concerns=["acne_scars", "large_pores"])
    texture = make_intake(concerns=["texture_tone", "fine_lines_wrinkles"])

    shown = listed(reviewer_client, concern=concern)

    expected = {"acne_scars": {acne, both}, "large_pores": {both}, "texture_tone": {texture}}
    assert set(shown) == expected[concern]


def test_the_concern_filter_ignores_an_unknown_concern(reviewer_client):
    make_intake()

    assert len(listed(reviewer_client, concern="tattoos")) == 1


def test_the_skin_type_filter_keeps_intakes_of_that_type(reviewer_client):
    type_two = make_intake(fitzpatrick=2)
    make_intake(fitzpatrick=5)

    assert listed(reviewer_client, fitzpatrick="2") == [type_two]


def test_the_skin_type_filter_is_offered_by_type(reviewer_client):
    response = reviewer_client.get(LIST_URL)

    spec = next(f for f in response.context["cl"].filter_specs if f.title == "skin type")
    assert [title for _, title in spec.lookup_choices] == [
        "Type I",
        "Type II",
        "Type III",
        "Type IV",
        "Type V",
        "Type VI",
    ]


def test_filters_combine(reviewer_client):
    wanted = make_intake(health_yes=["cold_sore_history"], concerns=["large_pores"])
    make_intake(health_yes=["cold_sore_history"], concerns=["acne_scars"])
    make_intake(concerns=["large_pores"])

    assert listed(reviewer_client, flagged__exact="1", concern="large_pores") == [wanted]


@pytest.mark.parametrize("search", ["ada@example.com", "ADA@EXAMPLE", "Lovelace", "ada"])
def test_search_finds_intakes_by_email_or_name(reviewer_client, search):
    ada = make_intake()
    make_intake(name="Grace Hopper", email="grace@example.com")

    assert listed(reviewer_client, q=search) == [ada]


def test_search_does_not_look_into_the_health_answers(reviewer_client):
    make_intake(health_yes=["cold_sore_history"])

    assert listed(reviewer_client, q="cold_sore") == []


# --- Queries per page --------------------------------------------------------------------------


def queries_for_the_list(client):
    with CaptureQueriesContext(connection) as context:
        response = client.get(LIST_URL)
    assert response.status_code == 200
    return len(context.captured_queries)


def make_intakes(count, assignee):
    for number in range(count):
        intake = make_intake(
            health_yes=["cold_sore_history"] if number % 2 else (),
            status=workflow.IN_REVIEW if number % 3 else None,
        )
        if number % 4 == 0:
            intake.assignee = assignee
            intake.save(update_fields=["assignee"])


def test_the_list_takes_as_many_queries_for_60_intakes_as_for_5(reviewer_client):
    assignees = [make_staff_user(REVIEWER), make_staff_user(REVIEWER)]
    make_intakes(5, assignees[0])
    with_five = queries_for_the_list(reviewer_client)
    make_intakes(55, assignees[1])

    with_sixty = queries_for_the_list(reviewer_client)

    assert with_sixty == with_five


def test_the_list_takes_a_bounded_number_of_queries(reviewer_client, django_assert_max_num_queries):
    make_intakes(60, make_staff_user(REVIEWER))

    with django_assert_max_num_queries(15):
        response = reviewer_client.get(LIST_URL, {"flagged__exact": "1", "concern": "acne_scars"})

    assert response.status_code == 200
