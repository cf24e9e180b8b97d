"""The treatment admin: clinical staff edit the catalog, and bad clinical data is refused."""

import pytest
from django.urls import reverse

from tests.treatments.helpers import change_url
from treatments.models import ConcernEfficacy, ProcedureFamily, SkinTypeSuitability, Treatment

pytestmark = pytest.mark.django_db

SLUG = "chemical-peel-medium"


def field_values(form):
    """What the browser would post for a rendered (unbound) form: its current values."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue  # an unchecked box or an empty field is not posted
        if value is True:
            data[bound.html_name] = "on"
        elif isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = str(value)
    return data


def current_post_data(response):
    """The change form as rendered, turned into POST data: the main form plus every inline."""
    data = field_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(field_values(formset.management_form))
        for form in formset.forms:
            data.update(field_values(form))
    return data


def row_index(response, prefix, **match):
    """The index in the `prefix` inline of the row whose initial values include `match`."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix != prefix:
            continue
        for index, form in enumerate(inline.formset.forms):
            if all(form.initial.get(key) == value for key, value in match.items()):
                return index
    raise LookupError(f"no {prefix} row with {match}")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # admin_client's user gets a password; the default hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def treatment():
    return Treatment.objects.get(slug=SLUG)


@pytest.fixture
def change_page(admin_client, treatment):
    return admin_client.get(change_url(treatment))


def post_change(admin_client, treatment, data):
    return admin_client.post(change_url(treatment), data)


def form_errors(response):
    return response.context["adminform"].form.errors


def formset(response, prefix):
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == prefix:
            return inline.formset
    raise LookupError(prefix)


def inline_errors(response, prefix):
    """The errors of the rows of one inline that have any."""
    return [errors for errors in formset(response, prefix).errors if errors]


def snapshot(treatment):
    """Everything the admin form can change, to check that a refused save changed nothing."""
    treatment.refresh_from_db()
    return (
        {f.name: getattr(treatment, f.attname) for f in Treatment._meta.concrete_fields},
        list(treatment.efficacies.values_list("concern", "score", "rationale_en", "rationale_es")),
        list(
            treatment.skin_types.values_list("fitzpatrick", "suitability", "reason_en", "reason_es")
        ),
        list(treatment.health_rules.values_list("flag", "action", "reason_en", "reason_es")),
    )


# --- Pages render ----------------------------------------------------------------------------


def test_treatment_changelist_renders(admin_client):
    response = admin_client.get(reverse("admin:treatments_treatment_changelist"))

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 9


def test_treatment_change_page_renders(change_page):
    assert change_page.status_code == 200


def test_change_page_shows_the_three_rule_inlines(change_page):
    prefixes = [inline.formset.prefix for inline in change_page.context["inline_admin_formsets"]]

    assert prefixes == ["efficacies", "skin_types", "health_rules"]


def test_treatment_add_page_offers_one_row_per_concern_and_per_skin_type(admin_client):
    response = admin_client.get(reverse("admin:treatments_treatment_add"))

    counts = {
        inline.formset.prefix: len(inline.formset.forms)
        for inline in response.context["inline_admin_formsets"]
    }
    assert response.status_code == 200
    assert counts["efficacies"] == 5
    assert counts["skin_types"] == 6


def test_health_rule_changelist_renders(admin_client):
    response = admin_client.get(reverse("admin:treatments_healthrule_changelist"))

    assert response.status_code == 200


def test_procedure_family_change_page_renders(admin_client):
    family = ProcedureFamily.objects.get(slug="laser")
    url = reverse("admin:treatments_procedurefamily_change", args=[family.pk])

    response = admin_client.get(url)

    assert response.status_code == 200


# --- Valid changes are saved -----------------------------------------------------------------


def test_posting_the_form_unchanged_saves_and_changes_nothing(admin_client, treatment, change_page):
    before = snapshot(treatment)

    response = post_change(admin_client, treatment, current_post_data(change_page))

    assert response.status_code == 302
    assert snapshot(treatment) == before


def test_posting_a_valid_change_updates_the_treatment(admin_client, treatment, change_page):
    data = current_post_data(change_page)
    data.update(fee_min="650", fee_max="1600", downtime_max_days="15")

    response = post_change(admin_client, treatment, data)

    assert response.status_code == 302
    treatment.refresh_from_db()
    assert (treatment.fee_min, treatment.fee_max) == (650, 1600)
    assert treatment.downtime_max_days == 15


def test_posting_a_valid_efficacy_change_updates_the_row(admin_client, treatment, change_page):
    data = current_post_data(change_page)
    index = row_index(change_page, "efficacies", concern="large_pores")
    data[f"efficacies-{index}-score"] = "2"

    response = post_change(admin_client, treatment, data)

    assert response.status_code == 302
    assert treatment.efficacies.get(concern="large_pores").score == 2


# --- Invalid changes are refused -------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high"),
    [
        ("downtime_min_days", "downtime_max_days"),
        ("sessions_min", "sessions_max"),
        ("fee_min", "fee_max"),
    ],
)
def test_minimum_above_maximum_is_refused(admin_client, treatment, change_page, low, high):
    before = snapshot(treatment)
    data = current_post_data(change_page)
    data[low] = str(int(data[high]) + 1)

    response = post_change(admin_client, treatment, data)

    assert response.status_code == 200
    assert low in form_errors(response)
    assert snapshot(treatment) == before


def test_efficacy_score_of_4_is_refused(admin_client, treatment, change_page):
    before = snapshot(treatment)
    data = current_post_data(change_page)
    data["efficacies-0-score"] = "4"

    response = post_change(admin_client, treatment, data)

    assert response.status_code == 200
    assert "score" in inline_errors(response, "efficacies")[0]
    assert snapshot(treatment) == before


def test_duplicate_slug_is_refused(admin_client, treatment, change_page):
    before = snapshot(treatment)
    data = current_post_data(change_page)
    data["slug"] = "dermabrasion"

    response = post_change(admin_client, treatment, data)

    assert response.status_code == 200
    assert "slug" in form_errors(response)
    assert snapshot(treatment) == before


@pytest.mark.parametrize("suitability", ["caution", "avoid"])
def test_skin_type_caution_or_avoid_without_a_reason_is_refused(
    admin_client, treatment, change_page, suitability
):
    before = snapshot(treatment)
    data = current_post_data(change_page)
    index = row_index(change_page, "skin_types", fitzpatrick=1)
    data[f"skin_types-{index}-suitability"] = suitability
    data[f"skin_types-{index}-reason_en"] = ""

    response = post_change(admin_client, treatment, data)

    assert response.status_code == 200
    assert "reason_en" in inline_errors(response, "skin_types")[0]
    assert snapshot(treatment) == before


def test_skin_type_caution_with_a_reason_is_saved(admin_client, treatment, change_page):
    data = current_post_data(change_page)
    index = row_index(change_page, "skin_types", fitzpatrick=1)
    data[f"skin_types-{index}-suitability"] = "caution"
    data[f"skin_types-{index}-reason_en"] = "Test spot first."

    response = post_change(admin_client, treatment, data)

    assert response.status_code == 302
    row = SkinTypeSuitability.objects.get(treatment=treatment, fitzpatrick=1)
    assert (row.suitability, row.reason) == ("caution", "Test spot first.")


def test_seeded_efficacy_rows_are_untouched_by_a_refused_save(admin_client, treatment, change_page):
    data = current_post_data(change_page)
    data["efficacies-0-score"] = "2"
    data["slug"] = "dermabrasion"  # the whole save is refused, inlines included

    post_change(admin_client, treatment, data)

    rows = ConcernEfficacy.objects.filter(treatment=treatment)
    scores = dict(rows.values_list("concern", "score"))
    assert scores == {
        "texture_tone": 2,
        "fine_lines_wrinkles": 2,
        "acne_scars": 2,
        "sun_damage_age_spots": 3,
        "large_pores": 1,
    }


def test_duplicate_intensity_rank_is_refused(admin_client, treatment, change_page):
    before = snapshot(treatment)
    data = current_post_data(change_page)
    data["intensity_rank"] = "1"  # microdermabrasion's

    response = post_change(admin_client, treatment, data)

    assert response.status_code == 200
    assert "intensity_rank" in form_errors(response)
    assert snapshot(treatment) == before


def test_two_efficacy_rows_for_the_same_concern_are_refused(admin_client, treatment, change_page):
    before = snapshot(treatment)
    data = current_post_data(change_page)
    first = row_index(change_page, "efficacies", concern="texture_tone")
    second = row_index(change_page, "efficacies", concern="large_pores")
    data[f"efficacies-{second}-concern"] = data[f"efficacies-{first}-concern"]

    response = post_change(admin_client, treatment, data)

    assert response.status_code == 200
    assert "duplicate" in str(formset(response, "efficacies").non_form_errors())
    assert snapshot(treatment) == before


def test_health_rule_without_a_reason_is_refused(admin_client, treatment, change_page):
    before = snapshot(treatment)
    data = current_post_data(change_page)
    data["health_rules-0-reason_en"] = ""

    response = post_change(admin_client, treatment, data)

    assert response.status_code == 200
    assert "reason_en" in inline_errors(response, "health_rules")[0]
    assert snapshot(treatment) == before
