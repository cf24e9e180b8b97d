"""A patient who submits again — from a second tab, with Back, or retrying after a lost
response — lands on the results of the intake stored the first time, and nothing is stored
twice."""

import pytest

from intake.models import Intake
from tests.intake.helpers import (
    REVIEW_URL,
    START_URL,
    answer_steps,
    result_url,
    step_url,
    submit_questionnaire,
)

pytestmark = pytest.mark.django_db


def test_posting_the_review_again_after_submitting_lands_on_the_results(client):
    submit_questionnaire(client)
    intake = Intake.objects.get()

    response = client.post(REVIEW_URL)

    assert response.status_code == 302
    assert response["Location"] == result_url(intake)
    assert Intake.objects.count() == 1


def test_going_back_to_the_review_after_submitting_leads_to_the_results(client):
    submit_questionnaire(client)
    response = client.get(REVIEW_URL)
    assert response["Location"] == result_url(Intake.objects.get())


def test_a_new_questionnaire_can_still_be_started_after_submitting(client):
    submit_questionnaire(client)
    assert client.get(START_URL)["Location"] == step_url("concerns")
    answer_steps(client)
    assert client.post(REVIEW_URL).status_code == 302
    assert Intake.objects.count() == 2
