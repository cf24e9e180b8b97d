"""load_catalog(): the database catalog as the engine's plain-data snapshot."""

import pytest

from tests.factories import (
    ConcernEfficacyFactory,
    HealthRuleFactory,
    ProcedureFamilyFactory,
    SkinTypeSuitabilityFactory,
    TreatmentFactory,
)
from tests.treatments.profiles import make_answers
from treatments.catalog import load_catalog
from treatments.models import Treatment
from treatments.rules import Efficacy, HealthRule, Suitability, TreatmentProfile, recommend

pytestmark = pytest.mark.django_db

SEEDED_QUERIES = 8  # treatments with their family, their rows; the sources of each


def slugs(catalog):
    return [profile.slug for profile in catalog]


def test_returns_every_active_treatment():
    assert len(load_catalog()) == Treatment.objects.filter(is_active=True).count() == 9


def test_inactive_treatment_is_left_out():
    Treatment.objects.filter(slug="dermabrasion").update(is_active=False)

    assert "dermabrasion" not in slugs(load_catalog())
    assert len(load_catalog()) == 8


def test_treatments_come_ordered_by_intensity_rank():
    TreatmentFactory(slug="late-heavy", intensity_rank=40)
    TreatmentFactory(slug="late-light", intensity_rank=20)

    ranks = [profile.intensity_rank for profile in load_catalog()]

    assert ranks == [1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 40]


def test_treatment_becomes_a_plain_profile():
    family = ProcedureFamilyFactory(slug="test-family", name="Test family")
    treatment = TreatmentFactory(
        family=family,
        slug="test-laser",
        name="Test laser",
        intensity_rank=50,
        intensity_label="moderate",
        ablative=True,
        downtime_min_days=2,
        downtime_max_days=5,
        sessions_min=1,
        sessions_max=4,
        fee_min=500,
        fee_max=900,
        fee_kind="ours",
        description="Light.",
        side_effects="Redness.",
    )

    profile = next(p for p in load_catalog() if p.slug == "test-laser")

    assert profile == TreatmentProfile(
        slug=treatment.slug,
        family="test-family",
        family_name="Test family",
        name="Test laser",
        intensity="moderate",
        intensity_rank=50,
        ablative=True,
        downtime_days=(2, 5),
        sessions=(1, 4),
        fees=(500, 900),
        fee_kind="ours",
        description="Light.",
        side_effects="Redness.",
        efficacy={},
        skin_types={},
        health_rules={},
    )


def test_efficacy_rows_become_a_dict_by_concern():
    treatment = TreatmentFactory(slug="with-efficacy")
    ConcernEfficacyFactory(treatment=treatment, concern="acne_scars", score=3, rationale="Best.")
    ConcernEfficacyFactory(treatment=treatment, concern="large_pores", score=0, rationale="")

    profile = next(p for p in load_catalog() if p.slug == "with-efficacy")

    assert profile.efficacy == {
        "acne_scars": Efficacy(3, "Best."),
        "large_pores": Efficacy(0, ""),
    }


def test_skin_type_rows_become_a_dict_by_fitzpatrick_type():
    treatment = TreatmentFactory(slug="with-skin-types")
    SkinTypeSuitabilityFactory(treatment=treatment, fitzpatrick=1)
    SkinTypeSuitabilityFactory(
        treatment=treatment, fitzpatrick=5, suitability="avoid", reason="Risky."
    )

    profile = next(p for p in load_catalog() if p.slug == "with-skin-types")

    assert profile.skin_types == {
        1: Suitability("suitable", ""),
        5: Suitability("avoid", "Risky."),
    }


def test_health_rule_rows_become_a_dict_by_flag():
    treatment = TreatmentFactory(slug="with-rules")
    HealthRuleFactory(treatment=treatment, flag="cold_sore_history", action="caution", reason="A.")
    HealthRuleFactory(treatment=treatment, flag="immunosuppressed", action="exclude", reason="B.")

    profile = next(p for p in load_catalog() if p.slug == "with-rules")

    assert profile.health_rules == {
        "cold_sore_history": HealthRule("caution", "A."),
        "immunosuppressed": HealthRule("exclude", "B."),
    }


def test_rows_of_one_treatment_do_not_leak_into_another():
    one, other = TreatmentFactory(slug="one"), TreatmentFactory(slug="other")
    ConcernEfficacyFactory(treatment=one, concern="acne_scars", score=3)

    catalog = {p.slug: p for p in load_catalog()}

    assert set(catalog["one"].efficacy) == {"acne_scars"}
    assert catalog["other"].efficacy == {}
    assert other.slug in catalog


def test_the_engine_runs_on_the_snapshot_without_further_queries(django_assert_num_queries):
    catalog = load_catalog()

    with django_assert_num_queries(0):
        recommend(make_answers(), catalog)


def test_seeded_catalog_loads_in_a_fixed_number_of_queries(django_assert_num_queries):
    with django_assert_num_queries(SEEDED_QUERIES):
        load_catalog()


def test_a_much_larger_catalog_loads_in_the_same_number_of_queries(django_assert_num_queries):
    for _ in range(30):
        treatment = TreatmentFactory()
        ConcernEfficacyFactory(treatment=treatment, concern="texture_tone")
        ConcernEfficacyFactory(treatment=treatment, concern="acne_scars")
        SkinTypeSuitabilityFactory(treatment=treatment, fitzpatrick=1)
        SkinTypeSuitabilityFactory(treatment=treatment, fitzpatrick=2)
        HealthRuleFactory(treatment=treatment, flag="cold_sore_history")
        HealthRuleFactory(treatment=treatment, flag="pregnant_or_breastfeeding", action="exclude")

    with django_assert_num_queries(SEEDED_QUERIES):
        catalog = load_catalog()

    assert len(catalog) == 39
