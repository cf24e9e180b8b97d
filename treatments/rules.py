"""The rules engine: docs/clinical-basis.md, section 8, as a pure function.

`recommend()` takes the patient's answers and a snapshot of the catalog, both plain data, and
returns plain, JSON-ready data. No ORM and no request in here, so the command line, the web form,
the API and the tests all run exactly the same rules.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from treatments.vocabulary import (
    AVOID,
    CAUTION,
    CONCERNS,
    EFFICACY_SCALE,
    EXCLUDE,
    FITZPATRICK_TYPES,
    HEALTH_FLAGS,
    NOTICE,
)

CALL_TO_ACTION = "Discuss this with a qualified professional."


@dataclass(frozen=True)
class IntakeAnswers:
    fitzpatrick: int
    concerns: tuple[str, ...]
    max_downtime_days: int
    # The health flags answered "yes"; every other flag is "no".
    health: frozenset[str] = frozenset()

    def as_dict(self):
        return {
            "fitzpatrick": self.fitzpatrick,
            "concerns": list(self.concerns),
            "max_downtime_days": self.max_downtime_days,
            "health": {flag: flag in self.health for flag in HEALTH_FLAGS},
        }


class Efficacy(NamedTuple):
    score: int
    rationale: str


class Suitability(NamedTuple):
    level: str
    reason: str


class HealthRule(NamedTuple):
    action: str
    reason: str


@dataclass(frozen=True)
class TreatmentProfile:
    slug: str
    family: str
    family_name: str
    name: str
    intensity: str
    intensity_rank: int
    ablative: bool
    downtime_days: tuple[int, int]
    sessions: tuple[int, int]
    # Per session, in the clinic's currency, which is not the engine's business: whoever shows
    # the figures says which currency they are in.
    fees: tuple[int, int]
    fee_kind: str  # "typical" (a typical range, not a quote) or "ours" (the clinic's price)
    description: str = ""
    side_effects: str = ""
    efficacy: dict[str, Efficacy] = field(default_factory=dict)
    skin_types: dict[int, Suitability] = field(default_factory=dict)
    health_rules: dict[str, HealthRule] = field(default_factory=dict)


def recommend(answers: IntakeAnswers, catalog) -> dict:
    """Rank the catalog for one patient (docs/clinical-basis.md, section 8)."""
    candidates, excluded = [], []
    for treatment in sorted(catalog, key=lambda t: (t.intensity_rank, t.slug)):
        reasons = exclusion_reasons(answers, treatment)
        if reasons:
            excluded.append({"slug": treatment.slug, "name": treatment.name, "reasons": reasons})
        else:
            candidates.append(_candidate(answers, treatment))
    candidates.sort(key=lambda c: (-c["score"], len(c["cautions"]), c["intensity_rank"], c["slug"]))
    return {
        "candidates": candidates,
        "excluded": excluded,
        "summary": _summary(len(candidates), len(excluded)),
        "notice": NOTICE,
    }


def health_flags_with_effect(answers: IntakeAnswers, catalog) -> list[str]:
    """The flags answered "yes" that exclude or caution at least one treatment, in the order of
    docs/clinical-basis.md, section 6."""
    return [
        flag
        for flag in HEALTH_FLAGS
        if flag in answers.health and any(flag in t.health_rules for t in catalog)
    ]


def exclusion_reasons(answers: IntakeAnswers, treatment: TreatmentProfile) -> list[str]:
    """Every reason the treatment is ruled out, not just the first (section 8, rule 2)."""
    reasons = [
        _with_call_to_action(rule.reason)
        for flag, rule in _flagged_rules(answers, treatment)
        if rule.action == EXCLUDE
    ]
    suitability = treatment.skin_types.get(answers.fitzpatrick)
    skin_type = FITZPATRICK_TYPES[answers.fitzpatrick]
    if suitability is None:
        # A gap in the catalog is treated as "avoid": never suggest what nobody has reviewed.
        reasons.append(
            f"Its suitability for skin type {skin_type} has not been reviewed, so it is not "
            f"suggested. {CALL_TO_ACTION}"
        )
    elif suitability.level == AVOID:
        reasons.append(
            _with_call_to_action(f"Not suggested for skin type {skin_type}: {suitability.reason}")
        )
    downtime_min, _ = treatment.downtime_days
    if downtime_min > answers.max_downtime_days:
        reasons.append(
            f"Recovery takes at least {_days(downtime_min)}, more than the "
            f"{_days(answers.max_downtime_days)} you can accept."
        )
    if all(_score(treatment, concern) == 0 for concern in answers.concerns):
        reasons.append("It does not address any of the concerns you chose.")
    return reasons


def cautions(answers: IntakeAnswers, treatment: TreatmentProfile) -> list[str]:
    """The patient-specific warnings that count for ranking (section 8, rule 3)."""
    found = [
        _with_call_to_action(rule.reason)
        for flag, rule in _flagged_rules(answers, treatment)
        if rule.action == CAUTION
    ]
    suitability = treatment.skin_types.get(answers.fitzpatrick)
    if suitability is not None and suitability.level == CAUTION:
        skin_type = FITZPATRICK_TYPES[answers.fitzpatrick]
        found.append(_with_call_to_action(f"Skin type {skin_type}: {suitability.reason}"))
    _, downtime_max = treatment.downtime_days
    if downtime_max > answers.max_downtime_days:
        found.append(f"Recovery often takes longer than you chose: up to {_days(downtime_max)}.")
    return found


def _candidate(answers, treatment):
    return {
        "slug": treatment.slug,
        "family": treatment.family,
        "family_name": treatment.family_name,
        "name": treatment.name,
        "intensity": treatment.intensity,
        "intensity_rank": treatment.intensity_rank,
        "ablative": treatment.ablative,
        "score": sum(_score(treatment, concern) for concern in answers.concerns),
        "reasons": [_concern_reason(treatment, concern) for concern in answers.concerns],
        "cautions": cautions(answers, treatment),
        "downtime_days": list(treatment.downtime_days),
        "sessions": list(treatment.sessions),
        "fees": list(treatment.fees),
        # A whole course: the fee per session times the number of sessions, as a range.
        "course_fees": [
            treatment.fees[0] * treatment.sessions[0],
            treatment.fees[1] * treatment.sessions[1],
        ],
        "fee_kind": treatment.fee_kind,
        "description": treatment.description,
        "side_effects": treatment.side_effects,
    }


def _flagged_rules(answers, treatment):
    # The order of docs/clinical-basis.md, section 6, so that the output does not depend on how
    # the patient answered.
    for flag in HEALTH_FLAGS:
        if flag in answers.health and flag in treatment.health_rules:
            yield flag, treatment.health_rules[flag]


def _score(treatment, concern):
    efficacy = treatment.efficacy.get(concern)
    return efficacy.score if efficacy else 0


def _concern_reason(treatment, concern):
    efficacy = treatment.efficacy.get(concern, Efficacy(0, ""))
    text = f"{CONCERNS[concern]}: {EFFICACY_SCALE[efficacy.score]} ({efficacy.score} of 3)."
    if efficacy.rationale:
        text = f"{text} {efficacy.rationale}"
    return text


def _with_call_to_action(text):
    text = text.strip()
    if text.endswith(CALL_TO_ACTION):
        return text
    return f"{text} {CALL_TO_ACTION}"


def _days(count):
    return "1 day" if count == 1 else f"{count} days"


def _summary(candidate_count, excluded_count):
    if candidate_count == 0:
        return (
            "None of the treatments we know about suits your answers right now. The reasons are "
            "listed for each one. This is not a final answer: please book a consultation with a "
            "qualified professional, who can assess your skin in person and discuss what is "
            "possible for you."
        )
    suits = "treatment may suit" if candidate_count == 1 else "treatments may suit"
    ruled = "was" if excluded_count == 1 else "were"
    return (
        f"{candidate_count} {suits} your answers; {excluded_count} {ruled} ruled out. "
        "Discuss them with a qualified professional before deciding."
    )
