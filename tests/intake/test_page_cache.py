"""Rendered step questions and results pages kept in process memory: never one patient's
answers on another's page, never a page after it was erased."""

import time

import pytest
from django.test import Client
from django.utils import timezone

from intake.models import ERASURES, Intake
from intake.page_cache import PageCache
from tests.intake.helpers import (
    NO_CANDIDATE,
    answer_steps,
    answers,
    assert_shows_answers,
    health_answers,
    make_intake,
    result_url,
    step_url,
)
from tests.intake.markup import parse
from tests.resurfacing.changes_helpers import (
    another_process,
    commit,
    committing,
    notification,
    wait_until,
)

pytestmark = pytest.mark.django_db


def test_the_least_recently_used_fragment_is_dropped_when_full():
    kept = PageCache(maxsize=2, max_age=60)
    kept.get_or_render("a", lambda: "A")
    kept.get_or_render("b", lambda: "B")
    kept.get_or_render("a", lambda: "unused")
    kept.get_or_render("c", lambda: "C")

    assert kept.get_or_render("a", lambda: "again") == "A"
    assert kept.get_or_render("b", lambda: "rendered again") == "rendered again"


def test_a_kept_fragment_is_not_rendered_again():
    kept = PageCache(maxsize=2, max_age=60)
    renders = []
    for _ in range(3):
        kept.get_or_render("a", lambda: renders.append(1) or "A")

    assert renders == [1]


def test_a_fragment_older_than_its_max_age_is_rendered_again(monkeypatch):
    kept = PageCache(maxsize=2, max_age=60)
    kept.get_or_render("a", lambda: "A")
    later = time.monotonic() + 61
    monkeypatch.setattr(time, "monotonic", lambda: later)

    assert kept.get_or_render("a", lambda: "fresh") == "fresh"


def test_a_step_shows_each_patient_their_own_answers(client):
    other = Client()
    mine = answers(health=health_answers("cold_sore_history"))
    theirs = answers(health=health_answers("keloid_or_hypertrophic_scarring"))
    for patient, own in ((client, mine), (other, theirs)):
        answer_steps(patient, own, through="health")

    assert_shows_answers(client.get(step_url("health")), mine["health"])
    assert_shows_answers(other.get(step_url("health")), theirs["health"])
    assert_shows_answers(client.get(step_url("health")), mine["health"])


def test_a_step_shows_a_changed_answer_after_it_was_shown_before(client):
    answer_steps(client, through="recovery")
    client.get(step_url("recovery"))
    client.post(step_url("recovery"), {"recovery": "none", "next": ""})

    assert_shows_answers(client.get(step_url("recovery")), {"recovery": "none"})


def test_a_step_posted_with_errors_shows_this_posts_errors_only(client):
    answer_steps(client, through="recovery")
    client.get(step_url("health"))

    response = client.post(step_url("health"), {"next": ""})

    assert parse(response).by_id("id_pregnant_or_breastfeeding_error") is not None
    fresh = parse(client.get(step_url("health")))
    assert fresh.by_id("id_pregnant_or_breastfeeding_error") is None


def test_a_kept_step_page_carries_each_patients_own_csrf_token():
    patients = [Client(enforce_csrf_checks=True) for _ in range(2)]
    tokens = []
    for patient in patients:
        page = parse(patient.get(step_url("concerns")))
        tokens.append(page.find("input", name="csrfmiddlewaretoken").get("value"))

    for patient, token in zip(patients, tokens, strict=True):
        response = patient.post(
            step_url("concerns"),
            {"concerns": ["acne_scars"], "next": "", "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302
    assert tokens[0] != tokens[1]


def test_inside_a_transaction_a_results_page_shown_before_costs_one_query(
    client, django_assert_max_num_queries
):
    intake = make_intake()
    first = client.get(result_url(intake))

    with django_assert_max_num_queries(1):  # whether the intake exists and was erased
        again = client.get(result_url(intake))

    assert again.content == first.content


def test_each_results_page_shows_its_own_intake(client):
    one = make_intake()
    client.get(result_url(one))
    other = make_intake(answers(NO_CANDIDATE))

    page = parse(client.get(result_url(other)))

    assert page.by_id("none-heading") is not None
    assert page.by_id("candidates-heading") is None


def test_an_erased_intakes_page_is_never_served_from_memory(client):
    intake = make_intake()
    client.get(result_url(intake))
    intake.erase()

    response = client.get(result_url(intake))

    assert "intake/erased.html" in [t.name for t in response.templates]
    assert "Ann" not in response.content.decode()


# With PostgreSQL, outside a transaction, as a web process serves requests: erasures are
# notified (resurfacing/changes.py), so a kept page is served without asking the database.


def shows_erased(client, intake):
    response = client.get(result_url(intake))
    return "intake/erased.html" in [t.name for t in response.templates or []]


@committing
def test_with_notifications_a_kept_results_page_is_served_without_a_query(
    client, postgresql, django_assert_num_queries
):
    intake = make_intake()
    first = client.get(result_url(intake))

    with django_assert_num_queries(0):
        again = client.get(result_url(intake))

    assert again.content == first.content


@committing
def test_an_erasure_in_this_process_is_seen_before_the_page_is_served_again(client, postgresql):
    intake = make_intake()
    client.get(result_url(intake))
    intake.erase()

    assert shows_erased(client, intake)


@committing
def test_an_erasure_another_process_commits_is_seen_once_notified(client, postgresql):
    intake = make_intake()
    client.get(result_url(intake))
    with another_process() as other:
        commit(
            other,
            ("UPDATE intake_intake SET erased_at = now(), name = '' WHERE id = %s", [intake.pk]),
            notification(ERASURES),
        )

    assert wait_until(lambda: shows_erased(client, intake))


@committing
def test_the_address_after_deleting_never_serves_a_kept_page(client, postgresql):
    intake = make_intake()
    client.get(result_url(intake))
    # As if the erasure's notification had not reached the process serving the redirect yet:
    # the erasure is committed, the kept page is still there under the same mark.
    Intake.objects.filter(pk=intake.pk).update(erased_at=timezone.now(), name="")

    page = client.get(f"{result_url(intake)}?deleted")

    assert "intake/erased.html" in [t.name for t in page.templates]
