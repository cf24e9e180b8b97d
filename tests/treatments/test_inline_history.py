"""A treatment's history lists the changes made to its efficacy, skin-type and health rows on its
page, says which row and what changed, and undoes any of them through django-simple-history's own
revert page, for those who may change the catalog."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from tests.factories import (
    STAFF,
    HealthRuleFactory,
    TreatmentFactory,
    make_staff_user,
)
from tests.intake.markup import parse
from tests.staff.helpers import admin_form_data
from tests.treatments.helpers import change_url, history_url
from treatments.catalog import current_catalog
from treatments.models import ConcernEfficacy, HealthRule, Source, Treatment

pytestmark = pytest.mark.django_db

SLUG = "microneedling"
OLD_RATIONALE = "Dermatologists list large pores among the features it improves."


def row_index(page, prefix, **match):
    formset = next(
        inline.formset
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    )
    return next(
        index
        for index, form in enumerate(formset.forms)
        if all(getattr(form.instance, key) == value for key, value in match.items())
    )


def edit_row(client, treatment, prefix, match, **fields):
    """Change one row through the treatment's page, as an editor does."""
    page = client.get(change_url(treatment))
    index = row_index(page, prefix, **match)
    changes = {f"{prefix}-{index}-{name}": value for name, value in fields.items()}
    response = client.post(change_url(treatment), admin_form_data(page, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def edit_large_pores(client, treatment, **fields):
    return edit_row(client, treatment, "efficacies", {"concern": "large_pores"}, **fields)


def large_pores(treatment):
    return ConcernEfficacy.objects.get(treatment=treatment, concern="large_pores")


def history_rows(client, treatment):
    """The history table's rows, newest first, as the cells' text and the row's undo link."""
    page = parse(client.get(history_url(treatment)))
    rows = []
    for tr in page.find("table", id="change-history").find("tbody").find_all("tr"):
        undo = tr.find("a", class_="undo")
        rows.append((tr.text, undo.get("href") if undo else None))
    return rows


def undo(client, url):
    """Open the version an undo link leads to and save it, as the Revert button does."""
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, admin_form_data(page))


# --- What the history shows -------------------------------------------------------------------


def test_an_inline_change_is_listed_with_its_row_what_changed_and_who(editor_client, microneedling):
    edit_large_pores(editor_client, microneedling, rationale_en="Reviewed in 2026.")

    newest, _ = history_rows(editor_client, microneedling)[0]

    assert "Efficacy: Large pores" in newest
    assert f"Rationale [en]: {OLD_RATIONALE} → Reviewed in 2026." in newest
    assert "eddie" in newest


def test_a_changed_score_is_listed_by_its_label(editor_client, microneedling):
    edit_large_pores(editor_client, microneedling, score="3")

    newest, _ = history_rows(editor_client, microneedling)[0]

    assert "Score: 2 — a good option → 3 — among the best options" in newest


def test_a_change_to_a_health_rule_names_the_flag_in_plain_words(editor_client, microneedling):
    edit_row(
        editor_client,
        microneedling,
        "health_rules",
        {"flag": "melasma_or_pih_history"},
        action="exclude",
    )

    newest, _ = history_rows(editor_client, microneedling)[0]

    assert "Health rule: Melasma or dark marks after inflammation (PIH)" in newest
    assert "Action: Caution → Exclude" in newest


def test_a_change_to_a_rows_sources_shows_them_before_and_after(editor_client, microneedling):
    added = Source.objects.get(key="Pores-2023")
    sources = [str(pk) for pk in large_pores(microneedling).sources.values_list("pk", flat=True)]

    edit_large_pores(editor_client, microneedling, sources=[*sources, str(added.pk)])

    newest, _ = history_rows(editor_client, microneedling)[0]
    assert "Sources: AAD-MN → AAD-MN, Pores-2023" in newest


def test_an_edit_of_a_row_and_its_sources_is_one_entry_with_both(editor_client, microneedling):
    row = large_pores(microneedling)
    entries_before = row.history.count()
    added = Source.objects.get(key="Pores-2023")

    edit_large_pores(editor_client, microneedling, score="3", sources=[str(added.pk)])

    assert row.history.count() == entries_before + 1
    latest = row.history.first()
    assert latest.score == 3
    assert [link.source.key for link in latest.sources.all()] == ["Pores-2023"]


def test_a_row_added_on_the_page_is_listed_as_created(editor_client):
    treatment = TreatmentFactory(name="Test peel")
    source = Source.objects.get(key="AAD-peels")
    page = editor_client.get(change_url(treatment))
    data = admin_form_data(
        page,
        **{
            "health_rules-TOTAL_FORMS": "1",
            "health_rules-0-flag": "cold_sore_history",
            "health_rules-0-action": "caution",
            "health_rules-0-reason_en": "Ask about antiviral tablets.",
            "health_rules-0-sources": [str(source.pk)],
        },
    )
    editor_client.post(change_url(treatment), data)

    newest, undo_link = history_rows(editor_client, treatment)[0]

    assert "Health rule: Cold sores (herpes simplex) in the past" in newest
    assert "Created" in newest
    assert undo_link is None  # a new row is taken back by deleting it


def test_a_row_deleted_on_the_page_is_listed_as_deleted(editor_client, microneedling):
    page = editor_client.get(change_url(microneedling))
    index = row_index(page, "health_rules", flag="cold_sore_history")
    data = admin_form_data(page, **{f"health_rules-{index}-DELETE": "on"})
    editor_client.post(change_url(microneedling), data)

    newest, undo_link = history_rows(editor_client, microneedling)[0]

    assert "Health rule: Cold sores (herpes simplex) in the past" in newest
    assert "Deleted" in newest
    assert undo_link is not None


def test_another_treatments_rows_are_not_in_its_history(editor_client, microneedling):
    edit_large_pores(editor_client, microneedling, rationale_en="Reviewed in 2026.")

    other = Treatment.objects.get(slug="dermabrasion")

    assert not [text for text, _ in history_rows(editor_client, other) if "Reviewed in" in text]


def test_the_history_page_costs_a_bounded_number_of_queries(
    editor_client, microneedling, django_assert_max_num_queries
):
    for score in ["3", "1", "2", "3"]:
        edit_large_pores(editor_client, microneedling, score=score)
    edit_row(editor_client, microneedling, "skin_types", {"fitzpatrick": 6}, reason_en="Check.")

    with django_assert_max_num_queries(20):
        response = editor_client.get(history_url(microneedling))

    assert response.status_code == 200


# --- Undoing a change -------------------------------------------------------------------------


def test_undoing_an_inline_change_restores_the_row_as_it_was(editor_client, microneedling):
    edit_large_pores(editor_client, microneedling, score="3", rationale_en="Reviewed in 2026.")
    _, undo_link = history_rows(editor_client, microneedling)[0]

    response = undo(editor_client, undo_link)

    assert response.status_code == 302
    assert response.url == history_url(microneedling)
    row = large_pores(microneedling)
    assert (row.score, row.rationale) == (2, OLD_RATIONALE)


def test_undoing_restores_the_sources_the_row_had(editor_client, microneedling):
    added = Source.objects.get(key="Pores-2023")
    edit_large_pores(editor_client, microneedling, sources=[str(added.pk)])
    _, undo_link = history_rows(editor_client, microneedling)[0]

    undo(editor_client, undo_link)

    assert list(large_pores(microneedling).sources.values_list("key", flat=True)) == ["AAD-MN"]


def test_an_undo_is_itself_listed_in_the_history(editor_client, microneedling):
    edit_large_pores(editor_client, microneedling, score="3")
    _, undo_link = history_rows(editor_client, microneedling)[0]

    undo(editor_client, undo_link)

    newest, _ = history_rows(editor_client, microneedling)[0]
    assert "Efficacy: Large pores" in newest
    assert "Score: 3 — among the best options → 2 — a good option" in newest


def test_a_deleted_row_is_restored_from_the_history(editor_client, microneedling):
    rule = HealthRule.objects.get(treatment=microneedling, flag="cold_sore_history")
    page = editor_client.get(change_url(microneedling))
    index = row_index(page, "health_rules", flag="cold_sore_history")
    editor_client.post(
        change_url(microneedling), admin_form_data(page, **{f"health_rules-{index}-DELETE": "on"})
    )
    _, undo_link = history_rows(editor_client, microneedling)[0]

    undo(editor_client, undo_link)

    restored = HealthRule.objects.get(treatment=microneedling, flag="cold_sore_history")
    assert (restored.pk, restored.reason) == (rule.pk, rule.reason)
    assert restored.sources.exists()


def test_the_catalog_uses_an_undone_row_at_once(editor_client, microneedling):
    edit_large_pores(editor_client, microneedling, score="3")
    assert next(t for t in current_catalog() if t.slug == SLUG).efficacy["large_pores"].score == 3
    _, undo_link = history_rows(editor_client, microneedling)[0]

    undo(editor_client, undo_link)

    assert next(t for t in current_catalog() if t.slug == SLUG).efficacy["large_pores"].score == 2


def test_staff_who_may_only_view_the_rows_cannot_undo_a_change(
    editor_client, client, microneedling
):
    edit_large_pores(editor_client, microneedling, score="3")
    _, undo_link = history_rows(editor_client, microneedling)[0]
    viewer = make_staff_user(STAFF)
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_treatment", "view_concernefficacy"])
    )
    client.force_login(viewer)
    page = client.get(undo_link)
    assert page.status_code == 200 and page.context["revert_disabled"]

    response = client.post(undo_link, admin_form_data(page))

    assert response.status_code == 403
    assert large_pores(microneedling).score == 3


def test_an_undo_without_the_forms_csrf_token_is_refused(editor_client, editor, microneedling):
    edit_large_pores(editor_client, microneedling, score="3")
    _, undo_link = history_rows(editor_client, microneedling)[0]
    page = editor_client.get(undo_link)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)

    response = strict.post(undo_link, admin_form_data(page))

    assert response.status_code == 403
    assert large_pores(microneedling).score == 3


def test_a_version_of_a_row_opened_to_revert_shows_the_sources_it_had(editor_client):
    treatment = TreatmentFactory()
    first, second = Source.objects.filter(key__in=["AAD-peels", "SP-MDA"]).order_by("key")
    rule = HealthRuleFactory(treatment=treatment)
    rule.sources.add(first)
    version = rule.history.first()
    rule.sources.set([second])

    page = editor_client.get(version.revert_url())

    assert page.context["adminform"].form["sources"].value() == [first.pk]
