"""An event coming up: the recovery step optionally takes its date, and the recovery time
accepted becomes the smaller of the patient's choice and the days until the event less a
week's margin (never below none), counted from the server's local date at submission. A date
that has passed, more than 2 years ahead, or malformed is a clear error that loses nothing
else. The review and the results page say what the event did."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.models import Intake
from tests.intake.helpers import (
    REVIEW_URL,
    answer_steps,
    answers,
    assert_shows_answers,
    error_summary_text,
    export_selected,
    read_csv,
    result_url,
    step_url,
    submit_questionnaire,
)
from tests.intake.markup import parse

pytestmark = pytest.mark.django_db


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


def with_event(event, recovery="up_to_2_weeks"):
    """The worked example with this recovery choice and event date (a date or text as typed)."""
    typed = event.isoformat() if isinstance(event, date) else event
    return answers(recovery={"recovery": recovery, "event_date": typed})


def submitted(client, all_answers):
    response = submit_questionnaire(client, all_answers)
    assert response.status_code == 302, "the questionnaire was not submitted"
    return Intake.objects.get()


def post_recovery(client, event, recovery="up_to_2_weeks"):
    answer_steps(client, through="skin-type")
    data = with_event(event, recovery)["recovery"]
    return client.post(step_url("recovery"), {**data, "next": ""})


def test_the_recovery_step_asks_for_an_event_date_with_a_date_field(client):
    answer_steps(client, through="skin-type")

    page = parse(client.get(step_url("recovery")))

    field = page.find("input", name="event_date")
    assert field.get("type") == "date"
    assert "Do you have an event coming up?" in page.find("label", for_="id_event_date").text


def test_the_event_date_is_optional(client):
    intake = submitted(client, answers(recovery={"recovery": "up_to_2_weeks"}))

    assert intake.event_date is None
    assert intake.max_downtime_days == 14


def test_an_event_sooner_than_the_chosen_recovery_and_a_week_shortens_the_recovery_accepted(
    client,
):
    intake = submitted(client, with_event(in_days(12)))

    assert intake.event_date == in_days(12)
    assert intake.max_downtime_days == 5


def test_an_event_far_enough_away_leaves_the_recovery_chosen(client):
    intake = submitted(client, with_event(in_days(60)))

    assert intake.max_downtime_days == 14


@pytest.mark.parametrize("days", [0, 3, 7])
def test_an_event_within_a_week_accepts_no_recovery_time_at_all(client, days):
    intake = submitted(client, with_event(in_days(days)))

    assert intake.max_downtime_days == 0


def test_the_recommendation_is_the_one_for_the_shortened_recovery_time(client):
    shortened = submitted(client, with_event(in_days(9))).recommendation  # 2 days accepted
    Intake.objects.all().delete()
    two_days = submitted(client, answers(recovery={"recovery": "up_to_2_days"})).recommendation
    Intake.objects.all().delete()
    two_weeks = submitted(client, answers(recovery={"recovery": "up_to_2_weeks"})).recommendation

    def slugs(recommendation):
        return [candidate["slug"] for candidate in recommendation["candidates"]]

    assert slugs(shortened) == slugs(two_days)
    assert slugs(shortened) != slugs(two_weeks)


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Etc/GMT+12"])
def test_the_days_until_the_event_count_from_the_clinics_local_date(client, settings, zone):
    # 26 hours apart: in one of the two zones the local date is never the UTC one.
    settings.TIME_ZONE = zone
    local_today = datetime.now(ZoneInfo(zone)).date()

    intake = submitted(client, with_event(local_today + timedelta(days=10)))

    assert intake.max_downtime_days == 3


def test_a_date_that_has_passed_is_refused_with_a_clear_error(client):
    response = post_recovery(client, in_days(-1))

    assert response.status_code == 200
    assert "That date has passed" in error_summary_text(response)


def test_a_date_more_than_2_years_ahead_is_refused_with_a_clear_error(client):
    today = timezone.localdate()
    two_years = today.replace(year=today.year + 2, day=28 if today.day == 29 else today.day)

    response = post_recovery(client, two_years + timedelta(days=1))

    assert response.status_code == 200
    assert "at most 2 years ahead" in error_summary_text(response)


def test_a_date_2_years_ahead_is_accepted(client):
    today = timezone.localdate()
    two_years = today.replace(year=today.year + 2, day=28 if today.day == 29 else today.day)

    assert post_recovery(client, two_years).status_code == 302


@pytest.mark.parametrize("typed", ["next summer", "2027-02-30", "12/03/2027", "2027-3"])
def test_a_malformed_date_is_refused_with_a_clear_error(client, typed):
    response = post_recovery(client, typed)

    assert response.status_code == 200
    assert "Enter the date as year, month and day" in error_summary_text(response)


def test_a_refused_date_loses_nothing_else_on_the_step(client):
    response = post_recovery(client, in_days(-1), recovery="up_to_1_week")

    assert_shows_answers(response, {"recovery": "up_to_1_week"})
    kept = parse(client.get(step_url("recovery")))
    assert kept.checked("recovery") == ["up_to_1_week"]
    assert kept.value("event_date") == in_days(-1).isoformat()


def test_the_review_shows_the_event_and_the_shortened_recovery_time(client):
    answer_steps(client, with_event(in_days(12)))

    text = parse(client.get(REVIEW_URL)).text

    assert f"Because your event is on {in_days(12):%-d %B %Y}" in text
    assert "fits in the 5 days before it (a week's margin kept)" in text


def test_the_results_page_says_the_event_shortened_the_recovery_time(client):
    intake = submitted(client, with_event(in_days(12)))

    text = parse(client.get(result_url(intake))).text

    assert (
        f"Because your event is on {in_days(12):%-d %B %Y}, only treatments whose recovery "
        "fits in the 5 days before it (a week's margin kept) are suggested." in text
    )


def test_the_results_page_says_when_the_event_is_far_enough_away(client):
    intake = submitted(client, with_event(in_days(60)))

    text = parse(client.get(result_url(intake))).text

    assert f"Your event on {in_days(60):%-d %B %Y} is far enough away" in text
    assert "Because your event" not in text


def test_the_results_page_says_nothing_of_an_event_when_there_is_none(client):
    intake = submitted(client, answers(recovery={"recovery": "up_to_2_weeks"}))

    assert parse(client.get(result_url(intake))).find(class_="event-note") is None


def test_the_results_page_without_saving_says_what_the_event_did(client):
    answer_steps(client, with_event(in_days(3)))

    response = client.post(REVIEW_URL, {"without_saving": ""})

    assert "only treatments with no visible recovery time are suggested" in parse(response).text
    assert not Intake.objects.exists()


def test_the_downloaded_copy_holds_the_event_date(client):
    intake = submitted(client, with_event(in_days(12)))

    document = client.get(f"{result_url(intake)}download/").json()

    assert document["answers"]["event_date"] == in_days(12).isoformat()
    assert document["answers"]["max_downtime_days"] == 5


def test_erasing_an_intake_erases_its_event_date(client):
    intake = submitted(client, with_event(in_days(12)))

    intake.erase()
    intake.refresh_from_db()

    assert intake.event_date is None


def test_the_reviewers_detail_shows_the_event_and_the_recovery_time_it_left(
    client, reviewer_client
):
    intake = submitted(client, with_event(in_days(12)))

    page = reviewer_client.get(reverse("admin:intake_intake_change", args=[intake.pk]))

    assert f"event on {in_days(12):%-d %B %Y}, so at most 5 days" in parse(page).text


def test_the_export_has_the_event_date(client, reviewer_client):
    intake = submitted(client, with_event(in_days(12)))

    rows = read_csv(export_selected(reviewer_client, intake))

    assert rows[0]["event_date"] == in_days(12).isoformat()
    assert rows[0]["max_downtime_days"] == "5"
