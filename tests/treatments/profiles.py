"""Plain-data builders for the engine tests: no database, exactly the data a test needs."""

from treatments.rules import Efficacy, HealthRule, IntakeAnswers, Suitability, TreatmentProfile

ALL_CONCERNS = (
    "texture_tone",
    "fine_lines_wrinkles",
    "acne_scars",
    "sun_damage_age_spots",
    "large_pores",
)


def efficacy(**scores):
    """efficacy(acne_scars=3) -> {"acne_scars": Efficacy(3, "...")}."""
    return {
        concern: Efficacy(score, f"Rationale for {concern}.") for concern, score in scores.items()
    }


def skin_types(*, caution=(), avoid=(), missing=()):
    """Every Fitzpatrick type suitable unless listed as caution, avoid or missing."""
    rows = {}
    for skin_type in range(1, 7):
        if skin_type in missing:
            continue
        if skin_type in caution:
            rows[skin_type] = Suitability("caution", "Higher chance of dark or light patches.")
        elif skin_type in avoid:
            rows[skin_type] = Suitability("avoid", "a high risk of permanent colour change.")
        else:
            rows[skin_type] = Suitability("suitable", "")
    return rows


def health_rules(*, exclude=(), caution=()):
    rules = {flag: HealthRule("exclude", f"Excluded because of {flag}.") for flag in exclude}
    rules.update({flag: HealthRule("caution", f"Careful because of {flag}.") for flag in caution})
    return rules


def make_profile(**overrides):
    """A treatment that suits everybody with no caution unless a test says otherwise."""
    values = {
        "slug": "test-treatment",
        "family": "laser",
        "family_name": "Laser resurfacing",
        "name": "Test treatment",
        "intensity": "light",
        "intensity_rank": 1,
        "ablative": False,
        "downtime_days": (1, 3),
        "sessions": (1, 3),
        "fees": (100, 300),
        "fee_kind": "typical",
        "description": "What it is.",
        "side_effects": "Redness.",
        "efficacy": efficacy(**dict.fromkeys(ALL_CONCERNS, 2)),
        "skin_types": skin_types(),
        "health_rules": {},
    }
    values.update(overrides)
    return TreatmentProfile(**values)


def make_answers(**overrides):
    """A patient with a common skin type, one concern, a week of downtime and no health flag."""
    values = {
        "fitzpatrick": 2,
        "concerns": ("texture_tone",),
        "max_downtime_days": 7,
        "health": frozenset(),
    }
    values.update(overrides)
    values["concerns"] = tuple(values["concerns"])
    values["health"] = frozenset(values["health"])
    return IntakeAnswers(**values)


KINDS = {"skin_type": "skin_type", "recovery": "downtime", "no_concern": "efficacy"}


def reason_kind(reason):
    """Which rule of section 8 (2a-2d) produced an exclusion reason."""
    return KINDS.get(reason["code"], reason["code"].split(":")[0])


def caution_kind(caution):
    """Which part of section 8, rule 3 produced a caution."""
    return reason_kind(caution)


def texts(reasons):
    """What the patient reads of each reason."""
    return [reason["text"] for reason in reasons]
