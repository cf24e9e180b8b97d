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


class Source(NamedTuple):
    """Where a figure or a rule comes from (docs/clinical-basis.md, section 11)."""

    key: str
    title: str
    publisher: str = ""
    year: int | None = None
    url: str = ""


class Efficacy(NamedTuple):
    score: int
    rationale: str
    sources: tuple[Source, ...] = ()


class Suitability(NamedTuple):
    level: str
    reason: str
    sources: tuple[Source, ...] = ()


class HealthRule(NamedTuple):
    action: str
    reason: str
    sources: tuple[Source, ...] = ()


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
    # The sources of the treatment's own figures: what it is, recovery, sessions, fees, risks.
    sources: tuple[Source, ...] = ()
    questions: tuple[str, ...] = ()  # to ask the provider, one per item
    reviewed_by: str = ""  # who medically reviewed the content: name and credentials
    reviewed_on: str = ""  # when, as an ISO date ("2026-11-20"), or "" when never
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
    _mark_top_matches(candidates, len(answers.concerns))
    shared = shared_exclusions(excluded)
    return {
        "candidates": candidates,
        "excluded": excluded,
        "shared_exclusions": shared,
        "possible_once_resolved": _possible_once_resolved(excluded, shared),
        "sources": _cited_sources(catalog, candidates, excluded),
        "summary": _summary(len(candidates), len(excluded)),
        "notice": NOTICE,
    }


# "Top match" needs, on average over the chosen concerns, at least this score (of 3).
TOP_MATCH_AVERAGE = 2


def _mark_top_matches(candidates, concern_count):
    """Top match: the best score, and on average at least "a good option" for the concerns."""
    best = candidates[0]["score"] if candidates else None
    for candidate in candidates:
        candidate["top_match"] = (
            candidate["score"] == best and candidate["score"] >= TOP_MATCH_AVERAGE * concern_count
        )


def shared_exclusions(excluded) -> list[dict]:
    """The health-screen reasons that rule out every excluded treatment (pregnancy, an active
    infection, ...), when more than one is excluded: a page says each of them once."""
    if len(excluded) < 2:
        return []
    first, *others = excluded
    shared = []
    for reason in first["reasons"]:
        code = reason["code"]
        if not code.startswith(HEALTH_CODE):
            continue
        alike = [_reason_with(code, entry) for entry in others]
        if all(alike):
            sources = _unique(key for r in [reason, *alike] for key in r["sources"])
            shared.append({"code": code, "text": reason["text"], "sources": sources})
    return shared


def _reason_with(code, entry):
    return next((reason for reason in entry["reasons"] if reason["code"] == code), None)


def _possible_once_resolved(excluded, shared):
    """The excluded treatments that only the shared reasons rule out: what may be discussed once
    they no longer apply."""
    codes = {reason["code"] for reason in shared}
    if not codes:
        return []
    return [
        {"slug": entry["slug"], "name": entry["name"]}
        for entry in excluded
        if all(reason["code"] in codes for reason in entry["reasons"])
    ]


def _cited_sources(catalog, candidates, excluded):
    """Every source the result cites, by key, so that the result explains itself when stored."""
    cited = {
        key
        for entry in [*candidates, *excluded]
        for reason in [*entry["reasons"], *entry.get("cautions", ())]
        for key in reason["sources"]
    }
    cited.update(key for candidate in candidates for key in candidate["sources"])
    known = {source.key: source for source in _all_sources(catalog)}
    return {
        key: {
            "title": known[key].title,
            "publisher": known[key].publisher,
            "year": known[key].year,
            "url": known[key].url,
        }
        for key in sorted(cited)
    }


def _all_sources(catalog):
    for treatment in catalog:
        yield from treatment.sources
        for rows in (treatment.efficacy, treatment.skin_types, treatment.health_rules):
            for row in rows.values():
                yield from row.sources


def health_flags_with_effect(answers: IntakeAnswers, catalog) -> list[str]:
    """The flags answered "yes" that exclude or caution at least one treatment, in the order of
    docs/clinical-basis.md, section 6."""
    return [
        flag
        for flag in HEALTH_FLAGS
        if flag in answers.health and any(flag in t.health_rules for t in catalog)
    ]


# Reason codes: what a reason is about, stable for pages and API clients to group by.
HEALTH_CODE = "health:"  # + the flag
SKIN_TYPE_CODE = "skin_type"
RECOVERY_CODE = "recovery"
NO_CONCERN_CODE = "no_concern"
EFFICACY_CODE = "efficacy:"  # + the concern


def _reason(code, text, sources=()):
    """One reason as the engine gives it: a code, the patient's text and the sources' keys."""
    return {"code": code, "text": text, "sources": _unique(source.key for source in sources)}


def exclusion_reasons(answers: IntakeAnswers, treatment: TreatmentProfile) -> list[dict]:
    """Every reason the treatment is ruled out, not just the first (section 8, rule 2)."""
    reasons = [
        _reason(HEALTH_CODE + flag, _with_call_to_action(rule.reason), rule.sources)
        for flag, rule in _flagged_rules(answers, treatment)
        if rule.action == EXCLUDE
    ]
    suitability = treatment.skin_types.get(answers.fitzpatrick)
    skin_type = FITZPATRICK_TYPES[answers.fitzpatrick]
    if suitability is None:
        # A gap in the catalog is treated as "avoid": never suggest what nobody has reviewed.
        text = (
            f"Its suitability for skin type {skin_type} has not been reviewed, so it is not "
            f"suggested. {CALL_TO_ACTION}"
        )
        reasons.append(_reason(SKIN_TYPE_CODE, text, treatment.sources))
    elif suitability.level == AVOID:
        text = _with_call_to_action(
            f"Not suggested for skin type {skin_type}: {suitability.reason}"
        )
        reasons.append(_reason(SKIN_TYPE_CODE, text, suitability.sources))
    downtime_min, _ = treatment.downtime_days
    if downtime_min > answers.max_downtime_days:
        text = (
            f"Recovery takes at least {_days(downtime_min)}, more than the "
            f"{_days(answers.max_downtime_days)} you can accept."
        )
        reasons.append(_reason(RECOVERY_CODE, text, treatment.sources))
    if all(_score(treatment, concern) == 0 for concern in answers.concerns):
        sources = [
            source
            for concern in answers.concerns
            for source in treatment.efficacy.get(concern, Efficacy(0, "")).sources
        ]
        text = "It does not address any of the concerns you chose."
        reasons.append(_reason(NO_CONCERN_CODE, text, sources or treatment.sources))
    return reasons


def cautions(answers: IntakeAnswers, treatment: TreatmentProfile) -> list[dict]:
    """The patient-specific warnings that count for ranking (section 8, rule 3)."""
    found = [
        _reason(HEALTH_CODE + flag, _with_call_to_action(rule.reason), rule.sources)
        for flag, rule in _flagged_rules(answers, treatment)
        if rule.action == CAUTION
    ]
    suitability = treatment.skin_types.get(answers.fitzpatrick)
    if suitability is not None and suitability.level == CAUTION:
        skin_type = FITZPATRICK_TYPES[answers.fitzpatrick]
        text = _with_call_to_action(f"Skin type {skin_type}: {suitability.reason}")
        found.append(_reason(SKIN_TYPE_CODE, text, suitability.sources))
    _, downtime_max = treatment.downtime_days
    if downtime_max > answers.max_downtime_days:
        text = f"Recovery often takes longer than you chose: up to {_days(downtime_max)}."
        found.append(_reason(RECOVERY_CODE, text, treatment.sources))
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
        "course_fees": list(course_fees(treatment)),
        "fee_kind": treatment.fee_kind,
        "description": treatment.description,
        "side_effects": treatment.side_effects,
        "questions": list(treatment.questions),
        "sources": _unique(source.key for source in treatment.sources),
        "reviewed_by": treatment.reviewed_by,
        "reviewed_on": treatment.reviewed_on,
    }


def course_fees(treatment: TreatmentProfile) -> tuple[int, int]:
    """A whole course: the fee per session times the number of sessions, at each end."""
    return (
        treatment.fees[0] * treatment.sessions[0],
        treatment.fees[1] * treatment.sessions[1],
    )


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
    return _reason(EFFICACY_CODE + concern, text, efficacy.sources or treatment.sources)


def _unique(keys):
    return list(dict.fromkeys(keys))


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
