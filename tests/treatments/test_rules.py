"""The rules engine (docs/clinical-basis.md, section 8) on synthetic catalogs: no database."""

import json
import random

import pytest

from tests.treatments.profiles import (
    ALL_CONCERNS,
    caution_kind,
    efficacy,
    health_rules,
    make_answers,
    make_profile,
    reason_kind,
    skin_types,
    texts,
)
from treatments.rules import (
    CALL_TO_ACTION,
    Efficacy,
    HealthRule,
    Source,
    cautions,
    exclusion_reasons,
    recommend,
)

CANDIDATE_KEYS = {
    "slug",
    "family",
    "name",
    "intensity",
    "intensity_rank",
    "ablative",
    "score",
    "reasons",
    "cautions",
    "downtime_days",
    "sessions",
    "fees",
    "course_fees",
    "fee_kind",
}
EXCLUDED_KEYS = {"slug", "reasons"}


def only_result(answers, profile):
    """The candidate or excluded entry of a one-treatment catalog."""
    result = recommend(answers, [profile])
    entries = result["candidates"] + result["excluded"]
    assert len(entries) == 1
    return entries[0]


def is_candidate(answers, profile):
    return [c["slug"] for c in recommend(answers, [profile])["candidates"]] == [profile.slug]


# --- Exclusion: every reason is collected (rule 2) -----------------------------------------


def test_every_exclusion_reason_is_collected_not_just_the_first():
    profile = make_profile(
        health_rules=health_rules(exclude=["pregnant_or_breastfeeding"]),
        skin_types=skin_types(avoid=[4]),
        downtime_days=(10, 14),
        efficacy=efficacy(texture_tone=0, acne_scars=3),
    )
    answers = make_answers(
        fitzpatrick=4,
        concerns=["texture_tone"],
        max_downtime_days=7,
        health=["pregnant_or_breastfeeding"],
    )

    reasons = exclusion_reasons(answers, profile)

    assert [reason_kind(r) for r in reasons] == ["health", "skin_type", "downtime", "efficacy"]


def test_excluded_entry_lists_every_reason():
    profile = make_profile(skin_types=skin_types(avoid=[4]), downtime_days=(10, 14))
    answers = make_answers(fitzpatrick=4, max_downtime_days=7)

    entry = only_result(answers, profile)

    assert entry["slug"] == profile.slug
    assert [reason_kind(r) for r in entry["reasons"]] == ["skin_type", "downtime"]


def test_every_true_exclude_flag_gives_its_own_reason():
    profile = make_profile(
        health_rules=health_rules(exclude=["pregnant_or_breastfeeding", "active_skin_infection"])
    )
    answers = make_answers(health=["pregnant_or_breastfeeding", "active_skin_infection"])

    reasons = exclusion_reasons(answers, profile)

    assert texts(reasons) == [
        f"Excluded because of pregnant_or_breastfeeding. {CALL_TO_ACTION}",
        f"Excluded because of active_skin_infection. {CALL_TO_ACTION}",
    ]


def test_a_treatment_without_any_reason_is_a_candidate():
    assert exclusion_reasons(make_answers(), make_profile()) == []
    assert is_candidate(make_answers(), make_profile())


# --- Downtime (rules 2c and 3) ---------------------------------------------------------------


def test_downtime_min_equal_to_limit_is_allowed():
    profile = make_profile(downtime_days=(7, 7))

    assert is_candidate(make_answers(max_downtime_days=7), profile)


def test_downtime_min_above_limit_excludes():
    profile = make_profile(downtime_days=(8, 10))

    reasons = exclusion_reasons(make_answers(max_downtime_days=7), profile)

    assert texts(reasons) == [
        "Recovery takes at least 8 days, more than the 7 days you can accept."
    ]


def test_downtime_min_of_one_day_above_a_zero_limit_excludes():
    profile = make_profile(downtime_days=(1, 1))

    reasons = exclusion_reasons(make_answers(max_downtime_days=0), profile)

    assert texts(reasons) == ["Recovery takes at least 1 day, more than the 0 days you can accept."]


def test_zero_downtime_treatment_is_allowed_with_a_zero_limit():
    profile = make_profile(downtime_days=(0, 0))

    assert is_candidate(make_answers(max_downtime_days=0), profile)


def test_downtime_max_above_limit_adds_a_counted_caution():
    profile = make_profile(downtime_days=(3, 14))

    found = cautions(make_answers(max_downtime_days=7), profile)

    assert texts(found) == ["Recovery often takes longer than you chose: up to 14 days."]


def test_downtime_max_equal_to_limit_adds_no_caution():
    profile = make_profile(downtime_days=(3, 7))

    assert cautions(make_answers(max_downtime_days=7), profile) == []


def test_downtime_max_above_limit_keeps_the_treatment_a_candidate():
    profile = make_profile(downtime_days=(7, 14))

    entry = only_result(make_answers(max_downtime_days=7), profile)

    assert "score" in entry
    assert [caution_kind(c) for c in entry["cautions"]] == ["downtime"]


# --- Efficacy and score (rules 2d and 3) -----------------------------------------------------


def test_zero_efficacy_for_every_chosen_concern_excludes():
    profile = make_profile(efficacy=efficacy(texture_tone=0, large_pores=0, acne_scars=3))
    answers = make_answers(concerns=["texture_tone", "large_pores"])

    reasons = exclusion_reasons(answers, profile)

    assert texts(reasons) == ["It does not address any of the concerns you chose."]


def test_zero_efficacy_for_only_some_chosen_concerns_does_not_exclude():
    profile = make_profile(efficacy=efficacy(texture_tone=0, large_pores=1))
    answers = make_answers(concerns=["texture_tone", "large_pores"])

    assert is_candidate(answers, profile)


def test_missing_efficacy_row_counts_as_zero():
    profile = make_profile(efficacy=efficacy(acne_scars=3))

    reasons = exclusion_reasons(make_answers(concerns=["texture_tone"]), profile)

    assert [reason_kind(r) for r in reasons] == ["efficacy"]


@pytest.mark.parametrize(
    ("scores", "concerns", "expected"),
    [
        ({"texture_tone": 2}, ["texture_tone"], 2),
        ({"texture_tone": 2, "acne_scars": 3}, ["texture_tone", "acne_scars"], 5),
        ({"texture_tone": 0, "acne_scars": 3}, ["texture_tone", "acne_scars"], 3),
        ({"texture_tone": 1, "acne_scars": 3, "large_pores": 2}, ["acne_scars", "large_pores"], 5),
        (dict.fromkeys(ALL_CONCERNS, 3), list(ALL_CONCERNS), 15),
    ],
)
def test_score_is_the_sum_of_efficacy_over_chosen_concerns(scores, concerns, expected):
    profile = make_profile(efficacy=efficacy(**scores))

    entry = only_result(make_answers(concerns=concerns), profile)

    assert entry["score"] == expected


def test_candidate_gives_one_reason_per_chosen_concern_in_the_chosen_order():
    profile = make_profile(efficacy=efficacy(texture_tone=2, acne_scars=3, large_pores=0))
    answers = make_answers(concerns=["large_pores", "acne_scars"])

    entry = only_result(answers, profile)

    assert texts(entry["reasons"]) == [
        "Large pores: not a treatment for this (0 of 3). Rationale for large_pores.",
        "Acne scars: among the best options (3 of 3). Rationale for acne_scars.",
    ]


# --- Ranking (rule 4) ------------------------------------------------------------------------


def ranked_slugs(answers, catalog):
    return [c["slug"] for c in recommend(answers, catalog)["candidates"]]


def test_higher_score_ranks_first_even_with_more_cautions_and_higher_intensity():
    light = make_profile(slug="light", intensity_rank=1, efficacy=efficacy(texture_tone=2))
    strong = make_profile(
        slug="strong",
        intensity_rank=9,
        efficacy=efficacy(texture_tone=3),
        health_rules=health_rules(caution=["cold_sore_history"]),
        downtime_days=(1, 21),
    )
    answers = make_answers(health=["cold_sore_history"])

    assert ranked_slugs(answers, [light, strong]) == ["strong", "light"]


def test_equal_score_fewer_cautions_ranks_first_even_with_higher_intensity():
    cautious = make_profile(
        slug="cautious", intensity_rank=1, health_rules=health_rules(caution=["cold_sore_history"])
    )
    plain = make_profile(slug="plain", intensity_rank=5)
    answers = make_answers(health=["cold_sore_history"])

    assert ranked_slugs(answers, [cautious, plain]) == ["plain", "cautious"]


def test_equal_score_and_cautions_lower_intensity_rank_ranks_first():
    heavy = make_profile(slug="a-heavy", intensity_rank=7)
    light = make_profile(slug="z-light", intensity_rank=2)

    assert ranked_slugs(make_answers(), [heavy, light]) == ["z-light", "a-heavy"]


def test_all_candidates_are_returned_not_only_the_top_three():
    catalog = [make_profile(slug=f"t-{rank}", intensity_rank=rank) for rank in range(1, 8)]

    assert ranked_slugs(make_answers(), catalog) == [f"t-{rank}" for rank in range(1, 8)]


def test_every_excluded_treatment_is_listed_with_its_reasons():
    catalog = [
        make_profile(slug="kept", intensity_rank=1),
        make_profile(slug="too-long", intensity_rank=2, downtime_days=(14, 21)),
        make_profile(slug="avoid", intensity_rank=3, skin_types=skin_types(avoid=[2])),
    ]

    result = recommend(make_answers(fitzpatrick=2, max_downtime_days=7), catalog)

    assert [(e["slug"], [reason_kind(r) for r in e["reasons"]]) for e in result["excluded"]] == [
        ("too-long", ["downtime"]),
        ("avoid", ["skin_type"]),
    ]


# --- Skin type (rules 2b and 3) --------------------------------------------------------------


def test_missing_skin_type_row_excludes_conservatively():
    profile = make_profile(skin_types=skin_types(missing=[3]))

    reasons = exclusion_reasons(make_answers(fitzpatrick=3), profile)

    assert [reason_kind(r) for r in reasons] == ["skin_type"]
    assert "has not been reviewed" in reasons[0]["text"]


def test_fitzpatrick_avoid_excludes():
    profile = make_profile(skin_types=skin_types(avoid=[5]))

    reasons = exclusion_reasons(make_answers(fitzpatrick=5), profile)

    assert texts(reasons) == [
        f"Not suggested for skin type V: a high risk of permanent colour change. {CALL_TO_ACTION}"
    ]


def test_fitzpatrick_caution_adds_exactly_one_caution():
    profile = make_profile(skin_types=skin_types(caution=[4]))

    found = cautions(make_answers(fitzpatrick=4), profile)

    assert texts(found) == [
        f"Skin type IV: Higher chance of dark or light patches. {CALL_TO_ACTION}"
    ]


def test_fitzpatrick_caution_keeps_the_treatment_a_candidate():
    profile = make_profile(skin_types=skin_types(caution=[4]))

    assert is_candidate(make_answers(fitzpatrick=4), profile)


def test_skin_type_rules_apply_only_to_the_patients_type():
    profile = make_profile(skin_types=skin_types(caution=[3], avoid=[5], missing=[6]))
    answers = make_answers(fitzpatrick=4)

    assert exclusion_reasons(answers, profile) == []
    assert cautions(answers, profile) == []


# --- Health flags (rules 2a and 3) -----------------------------------------------------------


def test_health_exclude_rule_excludes_when_the_flag_is_true():
    profile = make_profile(health_rules=health_rules(exclude=["immunosuppressed"]))

    reasons = exclusion_reasons(make_answers(health=["immunosuppressed"]), profile)

    assert texts(reasons) == [f"Excluded because of immunosuppressed. {CALL_TO_ACTION}"]


def test_health_exclude_rule_has_no_effect_when_the_flag_is_false():
    profile = make_profile(health_rules=health_rules(exclude=["immunosuppressed"]))

    assert is_candidate(make_answers(health=[]), profile)
    assert cautions(make_answers(health=[]), profile) == []


def test_health_caution_rule_adds_a_caution_when_the_flag_is_true():
    profile = make_profile(health_rules=health_rules(caution=["cold_sore_history"]))

    found = cautions(make_answers(health=["cold_sore_history"]), profile)

    assert texts(found) == [f"Careful because of cold_sore_history. {CALL_TO_ACTION}"]


def test_health_caution_rule_keeps_the_treatment_a_candidate():
    profile = make_profile(health_rules=health_rules(caution=["cold_sore_history"]))

    assert is_candidate(make_answers(health=["cold_sore_history"]), profile)


def test_health_caution_rule_has_no_effect_when_the_flag_is_false():
    profile = make_profile(health_rules=health_rules(caution=["cold_sore_history"]))

    assert cautions(make_answers(health=[]), profile) == []


def test_each_true_caution_flag_adds_its_own_caution():
    profile = make_profile(
        health_rules=health_rules(caution=["cold_sore_history", "photosensitizing_medication"])
    )
    answers = make_answers(health=["cold_sore_history", "photosensitizing_medication"])

    assert len(cautions(answers, profile)) == 2


def test_cautions_of_every_kind_are_counted_together():
    profile = make_profile(
        health_rules=health_rules(caution=["cold_sore_history"]),
        skin_types=skin_types(caution=[4]),
        downtime_days=(3, 14),
    )
    answers = make_answers(fitzpatrick=4, max_downtime_days=7, health=["cold_sore_history"])

    entry = only_result(answers, profile)

    assert [caution_kind(c) for c in entry["cautions"]] == ["health", "skin_type", "downtime"]


def test_true_flag_without_a_rule_for_the_treatment_has_no_effect():
    profile = make_profile(health_rules=health_rules(exclude=["pregnant_or_breastfeeding"]))
    answers = make_answers(health=["cold_sore_history", "heart_liver_or_kidney_disease"])

    assert exclusion_reasons(answers, profile) == []
    assert cautions(answers, profile) == []


def test_health_and_skin_type_texts_end_with_the_call_to_action():
    profile = make_profile(
        health_rules=health_rules(exclude=["immunosuppressed"], caution=["cold_sore_history"]),
        skin_types=skin_types(caution=[4], avoid=[5]),
    )
    flags = ["immunosuppressed", "cold_sore_history"]

    found = exclusion_reasons(make_answers(fitzpatrick=5, health=flags), profile) + cautions(
        make_answers(fitzpatrick=4, health=flags), profile
    )

    assert len(found) == 4
    assert all(text.endswith(CALL_TO_ACTION) for text in texts(found))


def test_call_to_action_is_not_repeated_when_the_rule_already_ends_with_it():
    profile = make_profile(
        health_rules={
            "cold_sore_history": HealthRule("caution", f"Ask about tablets. {CALL_TO_ACTION}")
        }
    )

    found = cautions(make_answers(health=["cold_sore_history"]), profile)

    assert texts(found) == [f"Ask about tablets. {CALL_TO_ACTION}"]


# --- Determinism -----------------------------------------------------------------------------


def mixed_catalog():
    return [
        make_profile(slug="a", intensity_rank=1, efficacy=efficacy(texture_tone=1)),
        make_profile(slug="b", intensity_rank=2, skin_types=skin_types(caution=[4])),
        make_profile(slug="c", intensity_rank=3, downtime_days=(10, 14)),
        make_profile(slug="d", intensity_rank=4, efficacy=efficacy(texture_tone=3)),
        make_profile(
            slug="e", intensity_rank=5, health_rules=health_rules(caution=["cold_sore_history"])
        ),
        make_profile(
            slug="f", intensity_rank=6, health_rules=health_rules(exclude=["cold_sore_history"])
        ),
        make_profile(slug="g", intensity_rank=7, skin_types=skin_types(avoid=[4])),
        make_profile(slug="h", intensity_rank=8),
    ]


MIXED_ANSWERS = make_answers(fitzpatrick=4, max_downtime_days=7, health=["cold_sore_history"])


def test_same_input_twice_gives_identical_output():
    assert recommend(MIXED_ANSWERS, mixed_catalog()) == recommend(MIXED_ANSWERS, mixed_catalog())


@pytest.mark.parametrize("seed", range(5))
def test_catalog_order_does_not_change_the_output(seed):
    shuffled = mixed_catalog()
    random.Random(seed).shuffle(shuffled)

    assert recommend(MIXED_ANSWERS, shuffled) == recommend(MIXED_ANSWERS, mixed_catalog())


def test_order_of_health_answers_does_not_change_the_output():
    profile = make_profile(
        health_rules=health_rules(caution=["cold_sore_history", "photosensitizing_medication"])
    )
    one = make_answers(health=("cold_sore_history", "photosensitizing_medication"))
    other = make_answers(health=("photosensitizing_medication", "cold_sore_history"))

    assert cautions(one, profile) == cautions(other, profile)


# --- Output contract (rule 5) ----------------------------------------------------------------


def test_result_has_candidates_excluded_and_notice():
    result = recommend(MIXED_ANSWERS, mixed_catalog())

    assert {"candidates", "excluded", "notice"} <= set(result)


def test_candidate_has_the_keys_of_the_contract():
    result = recommend(MIXED_ANSWERS, mixed_catalog())

    assert result["candidates"]
    for candidate in result["candidates"]:
        assert set(candidate) >= CANDIDATE_KEYS


def test_candidate_carries_the_treatment_figures():
    profile = make_profile(
        slug="x",
        family="dermabrasion",
        name="X",
        intensity="deep",
        intensity_rank=7,
        ablative=True,
        downtime_days=(2, 5),
        sessions=(1, 2),
        fees=(1200, 2500),
        fee_kind="ours",
    )

    entry = only_result(make_answers(), profile)

    assert {key: entry[key] for key in CANDIDATE_KEYS - {"score", "reasons", "cautions"}} == {
        "slug": "x",
        "family": "dermabrasion",
        "name": "X",
        "intensity": "deep",
        "intensity_rank": 7,
        "ablative": True,
        "downtime_days": [2, 5],
        "sessions": [1, 2],
        "fees": [1200, 2500],
        "course_fees": [1200, 5000],
        "fee_kind": "ours",
    }


def test_excluded_entry_has_the_keys_of_the_contract():
    result = recommend(MIXED_ANSWERS, mixed_catalog())

    assert result["excluded"]
    for entry in result["excluded"]:
        assert set(entry) >= EXCLUDED_KEYS


def test_result_is_json_serialisable_without_loss():
    result = recommend(MIXED_ANSWERS, mixed_catalog())

    assert json.loads(json.dumps(result)) == result


def test_no_candidates_gives_a_kind_summary_advising_a_consultation():
    catalog = [make_profile(health_rules=health_rules(exclude=["pregnant_or_breastfeeding"]))]

    result = recommend(make_answers(health=["pregnant_or_breastfeeding"]), catalog)

    assert result["candidates"] == []
    assert len(result["excluded"]) == 1
    assert "not a final answer" in result["summary"]
    assert "book a consultation with a qualified professional" in result["summary"]


def test_empty_catalog_gives_the_no_candidates_summary():
    result = recommend(make_answers(), [])

    assert result["candidates"] == result["excluded"] == []
    assert "book a consultation" in result["summary"]


def test_summary_counts_candidates_and_exclusions():
    result = recommend(MIXED_ANSWERS, mixed_catalog())

    assert result["summary"].startswith(
        f"{len(result['candidates'])} treatments may suit your answers; "
        f"{len(result['excluded'])} were ruled out."
    )


def test_notice_says_not_medical_advice_and_to_consult_a_qualified_professional():
    notice = recommend(make_answers(), [make_profile()])["notice"]

    assert "not a diagnosis or medical advice" in notice
    assert "consult a qualified professional" in notice


def test_notice_is_given_even_when_nothing_is_suggested():
    assert "medical advice" in recommend(make_answers(), [])["notice"]


# --- Top match, shared exclusions, sources (section 8, rules 6-8) -----------------------------


def test_top_match_goes_to_the_best_score_when_it_averages_a_good_option():
    good = make_profile(slug="good", intensity_rank=1, efficacy=efficacy(texture_tone=2))
    minor = make_profile(slug="minor", intensity_rank=2, efficacy=efficacy(texture_tone=1))

    result = recommend(make_answers(), [good, minor])

    assert [(c["slug"], c["top_match"]) for c in result["candidates"]] == [
        ("good", True),
        ("minor", False),
    ]


def test_no_top_match_when_the_best_score_averages_below_a_good_option():
    minor = make_profile(efficacy=efficacy(texture_tone=1, acne_scars=2))
    answers = make_answers(concerns=["texture_tone", "acne_scars"])  # 3 of 6: below 2 on average

    assert only_result(answers, minor)["top_match"] is False


def test_every_candidate_tied_at_the_best_score_is_a_top_match():
    first = make_profile(slug="first", intensity_rank=1)
    second = make_profile(slug="second", intensity_rank=2)

    result = recommend(make_answers(), [first, second])

    assert [c["top_match"] for c in result["candidates"]] == [True, True]


def pregnancy_rules():
    return health_rules(exclude=["pregnant_or_breastfeeding", "active_skin_infection"])


def test_a_health_reason_ruling_out_every_excluded_treatment_is_shared():
    catalog = [
        make_profile(slug="one", intensity_rank=1, health_rules=pregnancy_rules()),
        make_profile(slug="two", intensity_rank=2, health_rules=pregnancy_rules()),
    ]
    answers = make_answers(health=["pregnant_or_breastfeeding"])

    result = recommend(answers, catalog)

    assert [r["code"] for r in result["shared_exclusions"]] == ["health:pregnant_or_breastfeeding"]


def test_a_health_reason_missing_from_one_excluded_treatment_is_not_shared():
    catalog = [
        make_profile(slug="one", intensity_rank=1, health_rules=pregnancy_rules()),
        make_profile(slug="two", intensity_rank=2, skin_types=skin_types(avoid=[2])),
    ]

    result = recommend(make_answers(health=["pregnant_or_breastfeeding"]), catalog)

    assert result["shared_exclusions"] == []


def test_a_single_excluded_treatment_shares_nothing():
    result = recommend(
        make_answers(health=["pregnant_or_breastfeeding"]),
        [make_profile(health_rules=pregnancy_rules())],
    )

    assert result["shared_exclusions"] == []


def test_shared_reasons_stay_listed_under_each_excluded_treatment():
    catalog = [
        make_profile(slug="one", intensity_rank=1, health_rules=pregnancy_rules()),
        make_profile(slug="two", intensity_rank=2, health_rules=pregnancy_rules()),
    ]

    result = recommend(make_answers(health=["pregnant_or_breastfeeding"]), catalog)

    assert all(
        [r["code"] for r in entry["reasons"]] == ["health:pregnant_or_breastfeeding"]
        for entry in result["excluded"]
    )


def test_treatments_ruled_out_only_by_shared_reasons_are_possible_once_they_no_longer_apply():
    catalog = [
        make_profile(slug="one", intensity_rank=1, health_rules=pregnancy_rules()),
        make_profile(
            slug="two",
            intensity_rank=2,
            health_rules=pregnancy_rules(),
            skin_types=skin_types(avoid=[2]),
        ),
    ]

    result = recommend(make_answers(health=["pregnant_or_breastfeeding"]), catalog)

    assert result["possible_once_resolved"] == [{"slug": "one", "name": "Test treatment"}]


SOURCE = Source("AAD-peels", "Chemical peels: FAQs", "American Academy of Dermatology", 2024, "u")
OTHER = Source("Mayo-peel", "Chemical peel", "Mayo Clinic")


def test_each_reason_carries_the_keys_of_its_rows_sources():
    profile = make_profile(
        efficacy={"texture_tone": Efficacy(2, "Smoother.", (SOURCE,))},
        health_rules={"cold_sore_history": HealthRule("caution", "Tablets.", (OTHER,))},
    )
    answers = make_answers(health=["cold_sore_history"])

    entry = only_result(answers, profile)

    assert [r["sources"] for r in entry["reasons"] + entry["cautions"]] == [
        ["AAD-peels"],
        ["Mayo-peel"],
    ]


def test_a_reason_without_sources_of_its_own_cites_the_treatments_sources():
    profile = make_profile(sources=(OTHER,), downtime_days=(8, 10))

    entry = only_result(make_answers(max_downtime_days=7), profile)

    assert [r["sources"] for r in entry["reasons"]] == [["Mayo-peel"]]


def test_the_result_describes_every_source_it_cites_and_no_other():
    profile = make_profile(
        efficacy={"texture_tone": Efficacy(2, "Smoother.", (SOURCE,))},
        health_rules={"cold_sore_history": HealthRule("caution", "Tablets.", (OTHER,))},
    )

    result = recommend(make_answers(), [profile])  # no cold sores: that rule cites nothing

    assert result["sources"] == {
        "AAD-peels": {
            "title": "Chemical peels: FAQs",
            "publisher": "American Academy of Dermatology",
            "year": 2024,
            "url": "u",
        }
    }


def test_the_result_describes_the_sources_of_each_candidates_own_figures():
    result = recommend(make_answers(), [make_profile(sources=(OTHER,))])

    assert list(result["sources"]) == ["Mayo-peel"]
