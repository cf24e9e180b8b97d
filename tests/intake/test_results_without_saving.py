"""A patient may see their full results with nothing stored: no intake, no results address, no
e-mail, and the draft cleared; printing and downloading still work. Storing needs its consent;
seeing the results does not."""

import json
from urllib.parse import unquote

import pytest

from followups.models import FollowUp
from intake.drafts import SESSION_KEY
from intake.models import Intake
from tests.intake.helpers import REVIEW_URL, WORKED_EXAMPLE, answer_steps, answers
from tests.intake.markup import parse

pytestmark = pytest.mark.django_db

WITHOUT_STORAGE_CONSENT = answers(
    contact={"adult_confirmed": "on", "name": "Ann", "email": "ann@example.com"}
)


def test_the_results_without_saving_rank_the_candidates_and_store_nothing(client, mailoutbox):
    answer_steps(client)
    response = client.post(REVIEW_URL, {"without_saving": ""})
    assert response.status_code == 200
    page = parse(response)
    assert "Microneedling" in page.find("ol", class_="candidate-list").text
    assert "Nothing was saved" in page.text
    assert not Intake.objects.exists()
    assert not FollowUp.objects.exists()
    assert mailoutbox == []


def test_the_draft_is_cleared_after_the_results_without_saving(client):
    answer_steps(client)
    client.post(REVIEW_URL, {"without_saving": ""})
    assert not client.session.get(SESSION_KEY)


def test_the_results_without_saving_can_be_downloaded(client):
    answer_steps(client)
    page = parse(client.post(REVIEW_URL, {"without_saving": ""}))
    link = next(a for a in page.find_all("a") if a.get("download"))
    document = json.loads(unquote(link.get("href").partition(",")[2]))
    assert document["answers"]["concerns"] == WORKED_EXAMPLE["concerns"]["concerns"]
    assert document["result"]["candidates"][0]["slug"] == "microneedling"


def test_the_results_without_saving_offer_no_results_address(client):
    answer_steps(client)
    page = parse(client.post(REVIEW_URL, {"without_saving": ""}))
    assert not [url for url in page.urls() if "/intake/results/" in url]


def test_without_the_consent_to_storing_the_review_offers_only_results_without_saving(client):
    answer_steps(client, answers(contact={"adult_confirmed": "on"}))
    page = parse(client.get(REVIEW_URL))
    buttons = [b.get("name") for b in page.find_all("button")]
    assert "without_saving" in buttons and "save" not in buttons


def test_without_the_consent_to_storing_a_save_stores_nothing(client):
    answer_steps(client, answers(contact={"adult_confirmed": "on"}))
    response = client.post(REVIEW_URL, {"save": ""})
    assert response.status_code == 200
    assert not Intake.objects.exists()


def test_emails_need_the_consent_to_storing(client):
    answer_steps(client, through="health")
    response = client.post(
        "/intake/step/contact/", {**WITHOUT_STORAGE_CONSENT["contact"], "followup_opt_in": "on"}
    )
    assert response.status_code == 200
    assert "Emails need your answers stored" in response.content.decode()
