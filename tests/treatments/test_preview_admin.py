"""The "preview as patient" page: a treatment's saved content as a results page shows it, for
content editors only, with the skin type and accepted recovery time of a sample patient."""

import pytest
from django.urls import reverse

from tests.factories import REVIEWER, SUPERUSER, make_staff_user
from tests.intake.markup import parse
from tests.staff.helpers import LOGIN_URL, admin_form_data
from treatments.models import Treatment

pytestmark = pytest.mark.django_db


def treatment(slug="microneedling"):
    return Treatment.objects.get(slug=slug)


def preview_url(slug="microneedling", **query):
    url = reverse("admin:treatments_treatment_preview", args=[treatment(slug).pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def card(response, slug="microneedling"):
    return parse(response).find("article", **{"aria-labelledby": f"candidate-{slug}"})


def test_an_editor_sees_the_treatment_card_as_on_a_results_page(editor_client):
    response = editor_client.get(preview_url())

    assert response.status_code == 200
    assert "treatments/_candidate.html" in [t.name for t in response.templates]
    shown = card(response).text
    microneedling = treatment()
    assert microneedling.name in shown
    assert microneedling.description[:40] in shown
    assert "Recovery 1–3 days" in shown


def test_the_preview_shows_the_saved_content_after_an_edit(editor_client):
    microneedling = treatment()
    change_url = reverse("admin:treatments_treatment_change", args=[microneedling.pk])
    page = editor_client.get(change_url)
    editor_client.post(change_url, admin_form_data(page, downtime_max_days="5"))

    response = editor_client.get(preview_url())

    assert "Recovery 1–5 days" in card(response).text


def test_the_change_page_links_to_the_preview(editor_client):
    microneedling = treatment()

    page = editor_client.get(reverse("admin:treatments_treatment_change", args=[microneedling.pk]))

    assert preview_url() in parse(page).urls()


def test_a_treatment_to_avoid_for_the_chosen_skin_type_is_shown_as_not_suggested(editor_client):
    response = editor_client.get(preview_url("chemical-peel-deep", fitzpatrick=6))

    assert card(response, "chemical-peel-deep") is None
    assert "Not suggested for this patient" in response.content.decode()


def test_the_chosen_recovery_time_adds_the_patients_caution(editor_client):
    response = editor_client.get(preview_url(days=2))

    assert "Recovery often takes longer than you chose" in card(response).text


def test_the_preview_lists_what_patients_answering_yes_see(editor_client):
    response = editor_client.get(preview_url())

    rows = parse(response).find("table", class_="table").find("tbody").find_all("tr")
    assert len(rows) == treatment().health_rules.count()
    assert any("cold sores" in row.text for row in rows)


@pytest.mark.parametrize("query", [{"fitzpatrick": "9"}, {"fitzpatrick": "x"}, {"days": "-3"}])
def test_an_unusable_choice_falls_back_to_the_default_patient(editor_client, query):
    response = editor_client.get(preview_url(**query))

    assert response.status_code == 200
    assert (response.context["fitzpatrick"], response.context["days"]) == (1, 28)


def test_a_superuser_sees_the_preview(client):
    client.force_login(make_staff_user(SUPERUSER))

    assert client.get(preview_url()).status_code == 200


def test_a_reviewer_cannot_preview(client):
    client.force_login(make_staff_user(REVIEWER))

    assert client.get(preview_url()).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    url = preview_url()

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={url}"


def test_an_unknown_treatment_is_not_found(editor_client):
    assert editor_client.get("/admin/treatments/treatment/999999/preview/").status_code == 404


def test_a_recovery_time_shorter_than_the_minimum_shows_why_it_is_not_suggested(editor_client):
    response = editor_client.get(preview_url(days=0))

    assert card(response) is None
    assert "Recovery takes at least 1 day" in response.content.decode()


def stylesheets(response):
    page = parse(response)
    return [link.get("href") for link in page.find_all("link", rel="stylesheet")]


def test_the_preview_is_a_page_of_the_site_styled_as_patients_see_it(editor_client):
    response = editor_client.get(preview_url())

    templates = [t.name for t in response.templates]
    assert "base.html" in templates and "admin/base.html" not in templates
    assert any("bootstrap" in href for href in stylesheets(response))
    assert not any("/admin/" in href for href in stylesheets(response))


def test_the_admins_change_page_keeps_the_admins_own_stylesheets_only(editor_client):
    microneedling = treatment()

    page = editor_client.get(reverse("admin:treatments_treatment_change", args=[microneedling.pk]))

    assert not any("bootstrap" in href or "site.css" in href for href in stylesheets(page))


def test_the_preview_leads_back_to_the_treatments_change_page(editor_client):
    change_url = reverse("admin:treatments_treatment_change", args=[treatment().pk])

    assert change_url in parse(editor_client.get(preview_url())).urls()


def test_the_reasons_a_treatment_is_not_suggested_read_as_sentences(editor_client):
    response = editor_client.get(preview_url("chemical-peel-deep", fitzpatrick=6))

    reasons = parse(response).find("div", class_="alert-warning").find_all("li")
    assert reasons[0].text.startswith("Not suggested for skin type VI:")
