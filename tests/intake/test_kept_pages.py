"""Pages kept in a web process's memory never show one patient another's answers, never serve
an erased intake, and stay within their bounds."""

import pytest
from django.test import Client
from django.utils import timezone

from common.kept import Kept
from intake.models import Intake
from tests.factories import make_intake
from tests.intake.helpers import (
    WORKED_EXAMPLE,
    answer_steps,
    answers,
    assert_shows_answers,
    health_answers,
    result_url,
    step_url,
)
from tests.intake.markup import parse

pytestmark = pytest.mark.django_db


def test_a_step_shows_each_patient_their_own_answers(client):
    other = Client()
    mine = answers(health=health_answers("cold_sore_history"))
    theirs = answers(health=health_answers("keloid_or_hypertrophic_scarring"))
    for patient, own in ((client, mine), (other, theirs)):
        answer_steps(patient, own, through="health")

    assert_shows_answers(client.get(step_url("health")), mine["health"])
    assert_shows_answers(other.get(step_url("health")), theirs["health"])
    assert_shows_answers(client.get(step_url("health")), mine["health"])


def test_a_step_first_seen_blank_shows_the_answers_once_given(client):
    answer_steps(client, through="skin-type")
    client.get(step_url("recovery"))  # blank: may be kept
    client.post(step_url("recovery"), {"recovery": "none", "next": ""})

    assert_shows_answers(client.get(step_url("recovery")), {"recovery": "none"})


def test_a_blank_step_page_carries_each_patients_own_working_csrf_token():
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


def test_each_results_page_shows_its_own_intake(client):
    scars = make_intake(concerns=["acne_scars"])
    pores = make_intake(concerns=["large_pores"])
    client.get(result_url(scars))

    summary = parse(client.get(result_url(pores))).text
    assert "Large pores" in summary and "Acne scars" not in summary


def test_a_results_page_seen_before_is_served_again_with_one_query(
    client, django_assert_max_num_queries
):
    intake = make_intake(steps=WORKED_EXAMPLE)
    client.get(result_url(intake))
    with django_assert_max_num_queries(1):
        assert client.get(result_url(intake)).status_code == 200


def test_a_kept_results_page_holds_nothing_of_the_visitor_who_reads_it():
    intake = make_intake(steps=WORKED_EXAMPLE)
    first, second = Client(), Client()

    assert first.get(result_url(intake)).content == second.get(result_url(intake)).content


def test_an_intake_erased_by_any_process_is_never_served_from_memory(client):
    intake = make_intake(steps=WORKED_EXAMPLE)
    assert "Microneedling" in client.get(result_url(intake)).content.decode()
    # As another process erases it: nothing this process could have been told about.
    Intake.objects.filter(pk=intake.pk).update(erased_at=timezone.now(), recommendation={})

    page = parse(client.get(result_url(intake)))
    assert "Your answers were deleted" in page.find("h1").text
    assert "Microneedling" not in page.text


def test_kept_copies_beyond_their_count_drop_the_least_recently_used():
    kept = Kept(max_items=2, max_bytes=1000, max_age=60)
    for key in "abc":
        kept.get_or_make(key, lambda key=key: key * 10)
    assert kept.get_or_make("a", lambda: "made again") == "made again"
    assert len(kept) == 2


def test_kept_copies_beyond_their_bytes_drop_the_oldest_and_a_huge_one_is_never_kept():
    kept = Kept(max_items=100, max_bytes=25, max_age=60)
    kept.get_or_make("a", lambda: "x" * 10)
    kept.get_or_make("b", lambda: "y" * 10)
    kept.get_or_make("c", lambda: "z" * 10)
    assert kept.size <= 25 and len(kept) == 2
    assert kept.get_or_make("huge", lambda: "h" * 26) == "h" * 26
    assert kept.size <= 25 and len(kept) == 2


def test_a_kept_copy_older_than_its_max_age_is_made_again(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr("common.kept.time.monotonic", lambda: clock[0])
    kept = Kept(max_items=10, max_bytes=1000, max_age=300)
    kept.get_or_make("a", lambda: "old")
    clock[0] += 301
    assert kept.get_or_make("a", lambda: "new") == "new"
