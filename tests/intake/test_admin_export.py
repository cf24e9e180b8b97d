"""CSV export of intakes for reviewers: the selected ones (an admin action) or the ones the list
shows with its filters. One row per intake, answers in columns, no internal notes; streamed;
every exported intake recorded in the audit log."""

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intake import export
from intake.models import IntakeNote
from staff.models import AuditEvent
from tests.factories import CONTENT_EDITOR, make_intake, make_staff_user
from tests.intake.helpers import export_selected, read_csv
from tests.intake.markup import parse
from treatments.vocabulary import CONCERNS, HEALTH_FLAGS

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:intake_intake_changelist")
EXPORT_URL = reverse("admin:intake_intake_export")


# --- What is exported --------------------------------------------------------------------------


def test_the_export_of_the_filtered_list_has_one_row_per_intake(reviewer_client):
    intakes = [make_intake(), make_intake(), make_intake()]

    rows = read_csv(reviewer_client.get(EXPORT_URL))

    assert sorted(int(row["id"]) for row in rows) == sorted(i.pk for i in intakes)


def test_the_export_follows_the_lists_filters(reviewer_client):
    flagged = make_intake(health_yes=["cold_sore_history"])
    make_intake()

    rows = read_csv(reviewer_client.get(EXPORT_URL, {"flagged__exact": "1"}))

    assert [int(row["id"]) for row in rows] == [flagged.pk]


def test_the_export_follows_the_lists_search(reviewer_client):
    make_intake()
    grace = make_intake(name="Grace", email="grace@example.com")

    rows = read_csv(reviewer_client.get(EXPORT_URL, {"q": "grace"}))

    assert [int(row["id"]) for row in rows] == [grace.pk]


def test_the_export_covers_every_page_of_the_list(reviewer_client):
    for _ in range(52):
        make_intake(followup_opt_in=False)

    rows = read_csv(reviewer_client.get(EXPORT_URL, {"p": "2"}))

    assert len(rows) == 52


def test_the_export_link_on_the_list_carries_the_lists_filters(reviewer_client):
    make_intake()

    page = parse(reviewer_client.get(LIST_URL, {"flagged__exact": "1", "q": "ada"}))

    link = next(url for url in page.urls() if url.startswith(EXPORT_URL))
    assert link == f"{EXPORT_URL}?flagged__exact=1&q=ada"


def test_a_filter_the_list_does_not_offer_is_refused(reviewer_client):
    response = reviewer_client.get(EXPORT_URL, {"no_such_field": "1"})

    assert response.status_code == 400


def test_the_selected_intakes_are_exported(reviewer_client):
    first, _, third = make_intake(), make_intake(), make_intake()

    rows = read_csv(export_selected(reviewer_client, first, third))

    assert sorted(int(row["id"]) for row in rows) == sorted([first.pk, third.pk])


def test_rows_come_newest_first(reviewer_client):
    old = make_intake(days_ago=5)
    new = make_intake()

    rows = read_csv(reviewer_client.get(EXPORT_URL))

    assert [int(row["id"]) for row in rows] == [new.pk, old.pk]


def test_the_columns_are_the_answers_one_per_column(reviewer_client):
    make_intake()

    rows = read_csv(reviewer_client.get(EXPORT_URL))

    assert list(rows[0]) == export.HEADER
    assert {f"concern_{key}" for key in CONCERNS} <= set(rows[0])
    assert {f"health_{flag}" for flag in HEALTH_FLAGS} <= set(rows[0])


def test_a_row_holds_the_intakes_answers(reviewer_client):
    intake = make_intake(
        concerns=["acne_scars", "large_pores"], health_yes=["cold_sore_history"], fitzpatrick=4
    )

    (row,) = read_csv(reviewer_client.get(EXPORT_URL))

    assert (row["name"], row["email"], row["fitzpatrick"]) == (
        "Ada Lovelace",
        "ada@example.com",
        "4",
    )
    assert row["status"] == "new"
    assert row["concern_acne_scars"] == row["concern_large_pores"] == "yes"
    assert row["concern_texture_tone"] == "no"
    assert row["health_cold_sore_history"] == "yes"
    assert row["health_pregnant_or_breastfeeding"] == "no"
    assert (row["recovery"], row["max_downtime_days"]) == ("up_to_1_week", "7")
    assert row["flagged"] == "yes"
    assert row["candidates"].split() == [c["slug"] for c in intake.recommendation["candidates"]]
    assert row["excluded"].split() == [e["slug"] for e in intake.recommendation["excluded"]]


def test_internal_notes_are_never_exported(reviewer_client, reviewer):
    intake = make_intake()
    IntakeNote.objects.create(intake=intake, author=reviewer, text="Secret remark about patient")

    response = reviewer_client.get(EXPORT_URL)

    text = b"".join(response.streaming_content).decode()
    assert "Secret remark" not in text
    assert "note" not in text.splitlines()[0]


def test_an_erased_intake_is_exported_without_personal_data(reviewer_client):
    intake = make_intake(health_yes=["cold_sore_history"])
    intake.erase()

    (row,) = read_csv(reviewer_client.get(EXPORT_URL, {"erased": "yes"}))

    assert row["name"] == row["email"] == row["health_cold_sore_history"] == ""
    assert row["concern_acne_scars"] == row["candidates"] == ""
    assert row["erased_at"]


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_a_value_that_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(
    reviewer_client, name
):
    make_intake(name=name)

    (row,) = read_csv(reviewer_client.get(EXPORT_URL))

    assert row["name"] == f"'{name}"


def test_an_ordinary_value_is_exported_unchanged(reviewer_client):
    make_intake(name="Zoë O'Brien")

    (row,) = read_csv(reviewer_client.get(EXPORT_URL))

    assert row["name"] == "Zoë O'Brien"


# --- How it is sent ----------------------------------------------------------------------------


def test_the_export_is_streamed_as_a_csv_attachment(reviewer_client):
    make_intake()

    response = reviewer_client.get(EXPORT_URL)

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="intakes-')
    assert "no-store" in response["Cache-Control"]


def test_the_selected_export_is_streamed_too(reviewer_client):
    intake = make_intake()

    assert isinstance(export_selected(reviewer_client, intake), StreamingHttpResponse)


def test_rows_are_read_from_the_database_a_chunk_at_a_time_as_they_are_sent(
    reviewer_client, monkeypatch
):
    monkeypatch.setattr(export, "CHUNK", 2)
    for _ in range(5):
        make_intake(followup_opt_in=False)
    response = reviewer_client.get(EXPORT_URL)
    chunks = iter(response.streaming_content)

    with CaptureQueriesContext(connection) as first:
        header, first_row = next(chunks), next(chunks)
    with CaptureQueriesContext(connection) as rest:
        remaining = list(chunks)

    assert header.startswith(b"id,")
    assert first_row and len(remaining) == 4
    assert (len(first), len(rest)) == (1, 2), "one query per chunk of 2 rows, when needed"


def test_a_large_export_reads_the_rows_in_a_few_queries(
    reviewer_client, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(export, "CHUNK", 10)
    for _ in range(30):
        make_intake(followup_opt_in=False)
    response = reviewer_client.get(EXPORT_URL)

    with django_assert_max_num_queries(3):
        rows = list(response.streaming_content)

    assert len(rows) == 31


# --- Audit and permissions ---------------------------------------------------------------------


def test_each_exported_intake_is_recorded_with_who(reviewer_client, reviewer):
    intakes = {make_intake(), make_intake()}

    reviewer_client.get(EXPORT_URL)

    events = AuditEvent.objects.filter(action=AuditEvent.EXPORT)
    assert {event.intake for event in events} == intakes
    assert {event.user for event in events} == {reviewer}
    assert {event.detail for event in events} == {"CSV export of 2 intakes (filtered)"}


def test_a_selected_export_is_recorded(reviewer_client, reviewer):
    chosen = make_intake()
    make_intake()

    export_selected(reviewer_client, chosen)

    event = AuditEvent.objects.get(action=AuditEvent.EXPORT)
    assert (event.user, event.intake) == (reviewer, chosen)
    assert event.detail == "CSV export of 1 intake (selected)"


def test_an_empty_export_is_recorded_once(reviewer_client, reviewer):
    reviewer_client.get(EXPORT_URL)

    event = AuditEvent.objects.get(action=AuditEvent.EXPORT)
    assert (event.user, event.intake) == (reviewer, None)


def test_a_content_editor_cannot_export(client):
    client.force_login(make_staff_user(CONTENT_EDITOR))
    make_intake()

    response = client.get(EXPORT_URL)

    assert response.status_code == 403
    assert not AuditEvent.objects.exists()


def test_a_content_editor_cannot_run_the_export_action(client):
    client.force_login(make_staff_user(CONTENT_EDITOR))
    intake = make_intake()

    response = export_selected(client, intake)

    assert response.status_code == 403
    assert not AuditEvent.objects.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(EXPORT_URL)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
