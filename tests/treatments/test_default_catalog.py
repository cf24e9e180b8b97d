"""The seeded default catalog equals docs/clinical-basis.md (sections 2, 4, 5, 6 and 8).

The tables below are transcribed from docs/clinical-basis.md v1.1, on purpose
not imported from the data migration: a slip in either copy makes these tests fail.
"""

import pytest

from tests import worked_example
from tests.treatments.profiles import caution_kind, make_answers, reason_kind
from treatments.catalog import load_catalog
from treatments.models import (
    ConcernEfficacy,
    HealthRule,
    ProcedureFamily,
    SkinTypeSuitability,
    Treatment,
)
from treatments.rules import CALL_TO_ACTION, recommend

pytestmark = pytest.mark.django_db

FAMILY_SLUGS = {"chemical-peel", "laser", "dermabrasion", "microneedling"}

# Section 2: slug -> family, name, rank, label, ablative, downtime, sessions, cost per session.
SECTION_2 = {
    "microdermabrasion": (
        "dermabrasion", "Microdermabrasion", 1, "very superficial", False,
        (0, 1), (5, 10), (75, 300),
    ),
    "chemical-peel-superficial": (
        "chemical-peel", "Light (superficial) chemical peel", 2, "superficial", True,
        (1, 7), (3, 6), (100, 300),
    ),
    "laser-non-ablative": (
        "laser", "Non-ablative laser resurfacing", 3, "light", False, (0, 3), (3, 5), (1000, 2500)
    ),
    "microneedling": (
        "microneedling", "Microneedling (collagen induction therapy)", 4, "light–moderate", False,
        (1, 3), (3, 6), (200, 700),
    ),
    "chemical-peel-medium": (
        "chemical-peel", "Medium-depth chemical peel", 5, "moderate", True,
        (7, 14), (1, 2), (600, 1500),
    ),
    "laser-ablative-fractional": (
        "laser", "Fractional ablative laser resurfacing", 6, "moderate–deep", True,
        (3, 7), (1, 3), (1500, 3000),
    ),
    "dermabrasion": (
        "dermabrasion", "Dermabrasion", 7, "deep", True, (7, 14), (1, 2), (1200, 2500)
    ),
    "chemical-peel-deep": (
        "chemical-peel", "Deep chemical peel", 8, "deep", True, (14, 21), (1, 1), (2000, 5000)
    ),
    "laser-ablative": (
        "laser", "Fully ablative laser resurfacing", 9, "deepest", True,
        (10, 21), (1, 1), (2000, 5000),
    ),
}  # fmt: skip

# Section 4, columns: texture_tone, fine_lines_wrinkles, acne_scars, sun_damage_age_spots,
# large_pores.
CONCERN_COLUMNS = (
    "texture_tone",
    "fine_lines_wrinkles",
    "acne_scars",
    "sun_damage_age_spots",
    "large_pores",
)
SECTION_4 = {
    "microdermabrasion":         (2, 1, 1, 1, 1),
    "chemical-peel-superficial": (2, 1, 1, 2, 1),
    "laser-non-ablative":        (2, 2, 2, 2, 2),
    "microneedling":             (2, 2, 3, 1, 2),
    "chemical-peel-medium":      (2, 2, 2, 3, 1),
    "laser-ablative-fractional": (3, 2, 3, 2, 2),
    "dermabrasion":              (2, 2, 3, 2, 0),
    "chemical-peel-deep":        (2, 3, 2, 3, 1),
    "laser-ablative":            (3, 3, 2, 3, 1),
}  # fmt: skip

# Section 5, types I to VI: S suitable, C caution, A avoid.
SECTION_5 = {
    "microdermabrasion":         "S S S S S S",
    "chemical-peel-superficial": "S S S S C C",
    "laser-non-ablative":        "S S S C C C",
    "microneedling":             "S S S S S S",
    "chemical-peel-medium":      "S S S C A A",
    "laser-ablative-fractional": "S S S C A A",
    "dermabrasion":              "S S C A A A",
    "chemical-peel-deep":        "S S C A A A",
    "laser-ablative":            "S S C A A A",
}  # fmt: skip
SUITABILITY = {"S": "suitable", "C": "caution", "A": "avoid"}

# Section 6, columns as in docs/clinical-basis.md: E exclude, C caution, - no effect.
SECTION_6_COLUMNS = (
    "chemical-peel-superficial",  # SP
    "chemical-peel-medium",  # MP
    "chemical-peel-deep",  # DP
    "laser-non-ablative",  # NAL
    "laser-ablative-fractional",  # AFL
    "laser-ablative",  # AL
    "microdermabrasion",  # MDA
    "dermabrasion",  # DA
    "microneedling",  # MN
)
SECTION_6 = {
    #                                       SP MP DP NAL AFL AL MDA DA MN
    "pregnant_or_breastfeeding":           "E  E  E  E   E   E  E   E  E",
    "isotretinoin_recent":                 "C  E  E  C   E   E  C   E  C",
    "keloid_or_hypertrophic_scarring":     "C  E  E  C   E   E  C   E  E",
    "active_skin_infection":               "E  E  E  E   E   E  E   E  E",
    "cold_sore_history":                   "C  C  C  C   C   C  C   C  C",
    "photosensitizing_medication":         "C  C  C  C   C   C  C   C  C",
    "recent_sun_exposure_or_tan":          "C  E  E  E   E   E  C   E  C",
    "immunosuppressed":                    "C  E  E  C   E   E  C   E  C",
    "blood_thinners_or_bleeding_disorder": "-  -  -  -   C   C  C   E  E",
    "active_inflammatory_acne":            "-  E  E  C   E   E  C   E  E",
    "melasma_or_pih_history":              "C  E  E  C   E   E  C   E  C",
    "vitiligo_or_psoriasis":               "E  E  E  C   E   E  C   E  C",
    "recent_facial_radiation":             "E  E  E  E   E   E  E   E  E",
    "heart_liver_or_kidney_disease":       "-  -  E  -   -   -  -   -  -",
}  # fmt: skip
HEALTH_ACTION = {"E": "exclude", "C": "caution"}


def section_6_cells():
    for flag, letters in SECTION_6.items():
        for slug, letter in zip(SECTION_6_COLUMNS, letters.split(), strict=True):
            yield pytest.param(flag, slug, letter, id=f"{flag}-{slug}-{letter}")


def section_5_cells():
    for slug, letters in SECTION_5.items():
        for skin_type, letter in enumerate(letters.split(), start=1):
            yield pytest.param(slug, skin_type, letter, id=f"{slug}-type{skin_type}-{letter}")


# --- The seeded rows equal docs/clinical-basis.md --------------------------------------------


def test_the_four_families_are_seeded():
    assert set(ProcedureFamily.objects.values_list("slug", flat=True)) == FAMILY_SLUGS


def test_the_nine_treatments_are_seeded_and_active():
    assert set(Treatment.objects.filter(is_active=True).values_list("slug", flat=True)) == set(
        SECTION_2
    )
    assert Treatment.objects.count() == 9


@pytest.mark.parametrize("slug", SECTION_2)
def test_treatment_figures_equal_section_2(slug):
    t = Treatment.objects.select_related("family").get(slug=slug)

    seeded = (
        t.family.slug,
        t.name,
        t.intensity_rank,
        t.intensity_label,
        t.ablative,
        (t.downtime_min_days, t.downtime_max_days),
        (t.sessions_min, t.sessions_max),
        (t.fee_min, t.fee_max),
    )
    assert seeded == SECTION_2[slug]


@pytest.mark.parametrize("slug", SECTION_2)
def test_treatment_has_patient_facing_description_and_side_effects(slug):
    t = Treatment.objects.get(slug=slug)

    assert t.description.strip()
    assert t.side_effects.strip()


def test_efficacy_matrix_equals_section_4():
    seeded = {
        (e.treatment.slug, e.concern): e.score
        for e in ConcernEfficacy.objects.select_related("treatment")
    }
    expected = {
        (slug, concern): score
        for slug, scores in SECTION_4.items()
        for concern, score in zip(CONCERN_COLUMNS, scores, strict=True)
    }
    assert seeded == expected


def test_every_efficacy_row_has_a_rationale():
    assert not ConcernEfficacy.objects.filter(rationale="").exists()


def test_fitzpatrick_matrix_equals_section_5():
    seeded = {
        (s.treatment.slug, s.fitzpatrick): s.suitability
        for s in SkinTypeSuitability.objects.select_related("treatment")
    }
    expected = {
        (slug, skin_type): SUITABILITY[letter]
        for slug, letters in SECTION_5.items()
        for skin_type, letter in enumerate(letters.split(), start=1)
    }
    assert seeded == expected


def test_every_caution_and_avoid_skin_type_row_has_a_reason():
    rows = SkinTypeSuitability.objects.exclude(suitability="suitable")

    assert rows.exists()
    assert all(row.reason.strip() for row in rows)


def test_health_rules_equal_section_6():
    seeded = {
        (r.flag, r.treatment.slug): r.action for r in HealthRule.objects.select_related("treatment")
    }
    expected = {
        (flag, slug): HEALTH_ACTION[letter]
        for flag, letters in SECTION_6.items()
        for slug, letter in zip(SECTION_6_COLUMNS, letters.split(), strict=True)
        if letter != "-"
    }
    assert seeded == expected


def test_every_skin_type_caution_row_uses_the_documented_caution_text():
    reasons = set(
        SkinTypeSuitability.objects.filter(suitability="caution").values_list("reason", flat=True)
    )

    assert reasons == {
        "Your skin type has a higher chance of dark or light patches after this treatment. An "
        "experienced provider can adjust the treatment and may suggest a test spot and skin "
        "preparation first."
    }


def test_blood_thinner_rules_never_suggest_stopping_the_medicine_alone():
    rules = HealthRule.objects.filter(flag="blood_thinners_or_bleeding_disorder")

    assert rules.exists()
    assert all("Do not stop any blood thinner on your own" in rule.reason for rule in rules)


def test_every_health_rule_has_a_reason():
    assert all(rule.reason.strip() for rule in HealthRule.objects.all())


# --- The engine on the real catalog ----------------------------------------------------------

# Type I, a concern every treatment scores > 0 for, and more downtime than any treatment needs:
# without a health flag every treatment is a candidate with no caution.
BASELINE = {"fitzpatrick": 1, "concerns": ("texture_tone",), "max_downtime_days": 28}


def entries_by_slug(result):
    return {entry["slug"]: entry for entry in result["candidates"] + result["excluded"]}


def candidate_slugs(result):
    return {candidate["slug"] for candidate in result["candidates"]}


def test_baseline_intake_makes_every_treatment_a_candidate_without_caution():
    result = recommend(make_answers(**BASELINE), load_catalog())

    assert candidate_slugs(result) == set(SECTION_2)
    assert all(candidate["cautions"] == [] for candidate in result["candidates"])


@pytest.mark.parametrize(("flag", "slug", "letter"), list(section_6_cells()))
def test_health_flag_has_the_effect_of_its_section_6_cell(flag, slug, letter):
    result = recommend(make_answers(**BASELINE, health=[flag]), load_catalog())
    entry = entries_by_slug(result)[slug]

    if letter == "E":
        assert slug not in candidate_slugs(result)
        assert [reason_kind(r) for r in entry["reasons"]] == ["health"]
        assert entry["reasons"][0]["text"].endswith(CALL_TO_ACTION)
    elif letter == "C":
        assert slug in candidate_slugs(result)
        assert [caution_kind(c) for c in entry["cautions"]] == ["health"]
        assert entry["cautions"][0]["text"].endswith(CALL_TO_ACTION)
    else:
        assert slug in candidate_slugs(result)
        assert entry["cautions"] == []


@pytest.mark.parametrize(("slug", "skin_type", "letter"), list(section_5_cells()))
def test_skin_type_has_the_effect_of_its_section_5_cell(slug, skin_type, letter):
    answers = make_answers(**{**BASELINE, "fitzpatrick": skin_type})
    result = recommend(answers, load_catalog())
    entry = entries_by_slug(result)[slug]

    if letter == "A":
        assert slug not in candidate_slugs(result)
        assert [reason_kind(r) for r in entry["reasons"]] == ["skin_type"]
    elif letter == "C":
        assert slug in candidate_slugs(result)
        assert [caution_kind(c) for c in entry["cautions"]] == ["skin_type"]
    else:
        assert slug in candidate_slugs(result)
        assert entry["cautions"] == []


# Section 7: what each recovery choice adds to the previous one.
SECTION_7 = [
    (0, {"microdermabrasion", "laser-non-ablative"}),
    (2, {"chemical-peel-superficial", "microneedling"}),
    (7, {"laser-ablative-fractional", "chemical-peel-medium", "dermabrasion"}),
    (14, {"laser-ablative", "chemical-peel-deep"}),
]


def section_7_cases():
    admitted = set()
    for max_downtime_days, added in SECTION_7:
        admitted |= added
        yield pytest.param(max_downtime_days, set(admitted), id=f"{max_downtime_days}-days")


@pytest.mark.parametrize(("max_downtime_days", "expected"), list(section_7_cases()))
def test_recovery_choices_admit_the_treatments_listed_in_section_7(max_downtime_days, expected):
    answers = make_answers(**{**BASELINE, "max_downtime_days": max_downtime_days})

    assert candidate_slugs(recommend(answers, load_catalog())) == expected


def test_large_pores_alone_excludes_dermabrasion_for_not_addressing_it():
    answers = make_answers(**{**BASELINE, "concerns": ("large_pores",)})
    result = recommend(answers, load_catalog())

    assert [reason_kind(r) for r in entries_by_slug(result)["dermabrasion"]["reasons"]] == [
        "efficacy"
    ]
    assert candidate_slugs(result) == set(SECTION_2) - {"dermabrasion"}


# Section 8: type IV, acne_scars + large_pores, 7 days, cold-sore history.
WORKED_EXAMPLE = {
    "fitzpatrick": 4,
    "concerns": ("acne_scars", "large_pores"),
    "max_downtime_days": 7,
    "health": ("cold_sore_history",),
}


def test_worked_example_candidates_in_order_with_scores_and_caution_counts():
    result = recommend(make_answers(**WORKED_EXAMPLE), load_catalog())

    assert [(c["slug"], c["score"], len(c["cautions"])) for c in result["candidates"]] == (
        worked_example.CANDIDATES
    )


def test_worked_example_medium_peel_cautions_are_cold_sores_skin_type_and_recovery():
    result = recommend(make_answers(**WORKED_EXAMPLE), load_catalog())
    medium = entries_by_slug(result)["chemical-peel-medium"]

    assert [caution_kind(c) for c in medium["cautions"]] == ["health", "skin_type", "downtime"]
    assert "cold sores" in medium["cautions"][0]["text"].lower()
    assert (
        medium["cautions"][2]["text"]
        == "Recovery often takes longer than you chose: up to 14 days."
    )


def test_worked_example_excluded_treatments_with_their_reason_kinds():
    result = recommend(make_answers(**WORKED_EXAMPLE), load_catalog())

    assert [(e["slug"], [reason_kind(r) for r in e["reasons"]]) for e in result["excluded"]] == [
        ("dermabrasion", ["skin_type"]),
        ("chemical-peel-deep", ["skin_type", "downtime"]),
        ("laser-ablative", ["skin_type", "downtime"]),
    ]
