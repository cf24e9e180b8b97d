"""Treatment history for content editors (django-simple-history): every change made in the admin
is recorded with who, when and what changed; an editor sees it and can revert to an earlier
version. Patients who already submitted keep what they saw; new ones see the edit at once."""

import pytest
from django.urls import reverse

from tests.factories import make_intake
from tests.intake.markup import parse
from tests.staff.helpers import admin_form_data
from tests.treatments.helpers import change_url, history_url
from treatments.catalog import current_catalog
from treatments.models import ConcernEfficacy, Treatment

pytestmark = pytest.mark.django_db

SLUG = "microneedling"


def version_url(treatment, record):
    return reverse(
        "admin:treatments_treatment_simple_history", args=[treatment.pk, record.history_id]
    )


def edit(client, treatment, **changes):
    """Change the treatment through its admin form, as an editor does."""
    page = client.get(change_url(treatment))
    response = client.post(change_url(treatment), admin_form_data(page, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def versions(treatment):
    """The treatment's history, oldest first."""
    return list(treatment.history.order_by("history_date", "history_id"))


def before_the_edit(treatment):
    """The version an edit made on top of the seeded catalog replaced."""
    return versions(treatment)[-2]


def revert(client, treatment, record):
    page = client.get(version_url(treatment, record))
    return client.post(version_url(treatment, record), admin_form_data(page))


def downtime(treatment):
    return Treatment.objects.values_list("downtime_min_days", "downtime_max_days").get(
        pk=treatment.pk
    )


def catalog_downtime():
    return next(t.downtime_days for t in current_catalog() if t.slug == SLUG)


def test_the_seeded_catalog_is_the_first_version(microneedling):
    baseline, sourced, translated = versions(microneedling)

    assert baseline.downtime_max_days == 3
    assert baseline.history_type == "+"
    # Migration 0009 added its sources and questions to ask as a version of its own (the
    # questions in English, questions_en, copied there by migration 0012).
    assert sourced.diff_against(baseline).changed_fields == [
        "questions",
        "questions_en",
        "sources",
    ]
    assert sourced.questions_en.startswith("Which device would you use")
    # Migration 0012 added the Spanish, and nothing else, as a version of its own.
    assert translated.history_type == "~"
    assert translated.history_change_reason.startswith("Translated into Spanish")
    assert translated.diff_against(sourced).changed_fields == [
        "description_es",
        "intensity_label_es",
        "name_es",
        "questions_es",
        "side_effects_es",
    ]
    assert translated.name_es.startswith("Microagujas")
    assert translated.questions_en == sourced.questions_en


def test_an_admin_change_is_recorded_with_who_when_and_what(editor_client, editor, microneedling):
    edit(editor_client, microneedling, downtime_max_days="5")

    *_, before, change = versions(microneedling)
    assert change.history_user == editor
    assert change.history_type == "~"
    assert change.history_date > before.history_date
    assert change.diff_against(before).changed_fields == ["downtime_max_days"]


def test_the_history_page_shows_the_change_and_who_made_it(editor_client, microneedling):
    edit(editor_client, microneedling, downtime_max_days="5")

    response = editor_client.get(history_url(microneedling))

    assert response.status_code == 200
    newest = parse(response).find("table", id="change-history").find("tbody").find("tr")
    assert "eddie" in newest.text
    assert "downtime max days: 3 → 5" in newest.text.lower()


def test_an_editor_can_open_an_earlier_version_to_revert_it(editor_client, microneedling):
    edit(editor_client, microneedling, downtime_max_days="5")

    response = editor_client.get(version_url(microneedling, before_the_edit(microneedling)))

    assert response.status_code == 200
    assert response.context["adminform"].form.initial["downtime_max_days"] == 3
    assert not response.context["revert_disabled"]


def test_the_history_page_links_an_edit_to_the_version_that_undoes_it(editor_client, microneedling):
    edit(editor_client, microneedling, downtime_max_days="5")

    page = parse(editor_client.get(history_url(microneedling)))

    newest = page.find("table", id="change-history").find("tbody").find("tr")
    undo = newest.find("a", class_="undo").get("href")
    assert undo == version_url(microneedling, before_the_edit(microneedling))


def test_reverting_puts_the_seeded_values_back(editor_client, microneedling):
    edit(editor_client, microneedling, downtime_max_days="5")

    response = revert(editor_client, microneedling, before_the_edit(microneedling))

    assert response.status_code == 302
    assert downtime(microneedling) == (1, 3)


def test_a_revert_is_itself_recorded(editor_client, editor, microneedling):
    edit(editor_client, microneedling, downtime_max_days="5")

    revert(editor_client, microneedling, before_the_edit(microneedling))

    *_, change, reverted = versions(microneedling)
    assert reverted.history_user == editor
    assert reverted.diff_against(change).changed_fields == ["downtime_max_days"]
    assert reverted.downtime_max_days == 3


def test_a_change_to_a_rule_row_is_recorded_with_who(editor_client, editor, microneedling):
    page = editor_client.get(change_url(microneedling))
    rows = next(
        i.formset for i in page.context["inline_admin_formsets"] if i.formset.prefix == "efficacies"
    )
    index = next(n for n, form in enumerate(rows.forms) if form.instance.concern == "large_pores")
    data = admin_form_data(page, **{f"efficacies-{index}-rationale_en": "Reviewed in 2026."})

    editor_client.post(change_url(microneedling), data)

    row = ConcernEfficacy.objects.get(treatment=microneedling, concern="large_pores")
    latest = row.history.order_by("-history_date", "-history_id").first()
    assert (latest.history_user, latest.rationale) == (editor, "Reviewed in 2026.")


def candidate_card(response, slug):
    card = parse(response).find("article", **{"aria-labelledby": f"candidate-{slug}"})
    assert card is not None, f"no {slug} on the results page"
    return card.text


def test_an_edit_never_changes_what_a_submitted_intake_shows(editor_client, microneedling):
    intake = make_intake()
    results_url = reverse("intake:result", args=[intake.token])
    before = candidate_card(editor_client.get(results_url), SLUG)

    edit(editor_client, microneedling, downtime_max_days="5", name_en="Microneedling, renamed")

    after = candidate_card(editor_client.get(results_url), SLUG)
    assert after == before
    assert "1–3 days" in after


def test_the_catalog_sees_an_edit_at_once(editor_client, microneedling):
    assert catalog_downtime() == (1, 3)  # cached in this process now

    edit(editor_client, microneedling, downtime_max_days="5")

    assert catalog_downtime() == (1, 5)


def test_the_catalog_sees_a_revert_at_once(editor_client, microneedling):
    edit(editor_client, microneedling, downtime_max_days="5")
    assert catalog_downtime() == (1, 5)

    revert(editor_client, microneedling, before_the_edit(microneedling))

    assert catalog_downtime() == (1, 3)


def test_an_intake_submitted_after_an_edit_gets_the_new_figure(editor_client, microneedling):
    current_catalog()
    edit(editor_client, microneedling, downtime_max_days="5")

    intake = make_intake()

    shown = next(c for c in intake.recommendation["candidates"] if c["slug"] == SLUG)
    assert shown["downtime_days"] == [1, 5]


def test_the_history_page_does_not_link_to_account_pages_editors_cannot_open(
    editor_client, microneedling
):
    edit(editor_client, microneedling, downtime_max_days="5")

    page = parse(editor_client.get(history_url(microneedling)))

    assert not [url for url in page.urls() if url.startswith("/admin/auth/")]
