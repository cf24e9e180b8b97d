"""The rules engine: docs/clinical-basis.md, section 8, as a pure function.

`recommend()` takes the patient's answers and a snapshot of the catalog, both plain data, and
returns plain, JSON-ready data. No ORM and no request in here, so the command line, the web form,
the API and the tests all run exactly the same rules.

The engine's own sentences are written in English and translated by the `translation` it is given:
anything with `gettext` and `ngettext` (Django's `django.utils.translation`, or the standard
library's `gettext.NullTranslations`, which leaves them in English). The catalog's texts come in
the snapshot, already in the patient's language.
"""

from dataclasses import dataclass, field
from gettext import NullTranslations
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
    gettext_noop,
)

ENGLISH = NullTranslations()
CALL_TO_ACTION = gettext_noop("Discuss this with a qualified professional.")


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


def recommend(answers: IntakeAnswers, catalog, translation=ENGLISH) -> dict:
    """Rank the catalog for one patient (docs/clinical-basis.md, section 8)."""
    candidates, excluded = [], []
    for treatment in sorted(catalog, key=lambda t: (t.intensity_rank, t.slug)):
        reasons = exclusion_reasons(answers, treatment, translation)
        if reasons:
            excluded.append({"slug": treatment.slug, "name": treatment.name, "reasons": reasons})
        else:
            candidates.append(_candidate(answers, treatment, translation))
    candidates.sort(key=lambda c: (-c["score"], len(c["cautions"]), c["intensity_rank"], c["slug"]))
    _mark_top_matches(candidates, len(answers.concerns))
    shared = shared_exclusions(excluded)
    return {
        "candidates": candidates,
        "excluded": excluded,
        "shared_exclusions": shared,
        "possible_once_resolved": _possible_once_resolved(excluded, shared),
        "sources": _cited_sources(catalog, candidates, excluded),
        "summary": _summary(len(candidates), len(excluded), translation),
        "notice": translation.gettext(NOTICE),
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


def exclusion_reasons(
    answers: IntakeAnswers, treatment: TreatmentProfile, translation=ENGLISH
) -> list[dict]:
    """Every reason the treatment is ruled out, not just the first (section 8, rule 2)."""
    _ = translation.gettext
    reasons = [
        _reason(HEALTH_CODE + flag, _with_call_to_action(rule.reason, translation), rule.sources)
        for flag, rule in _flagged_rules(answers, treatment)
        if rule.action == EXCLUDE
    ]
    suitability = treatment.skin_types.get(answers.fitzpatrick)
    skin_type = {"type": FITZPATRICK_TYPES[answers.fitzpatrick]}
    if suitability is None:
        # A gap in the catalog is treated as "avoid": never suggest what nobody has reviewed.
        text = _(
            "Its suitability for skin type %(type)s has not been reviewed, so it is not suggested."
        )
        text = _with_call_to_action(text % skin_type, translation)
        reasons.append(_reason(SKIN_TYPE_CODE, text, treatment.sources))
    elif suitability.level == AVOID:
        text = _("Not suggested for skin type %(type)s: %(reason)s") % {
            **skin_type,
            "reason": suitability.reason,
        }
        reasons.append(
            _reason(SKIN_TYPE_CODE, _with_call_to_action(text, translation), suitability.sources)
        )
    downtime_min = treatment.downtime_days[0]
    if downtime_min > answers.max_downtime_days:
        text = _("Recovery takes at least %(minimum)s, more than the %(limit)s you can accept.") % {
            "minimum": _days(downtime_min, translation),
            "limit": _days(answers.max_downtime_days, translation),
        }
        reasons.append(_reason(RECOVERY_CODE, text, treatment.sources))
    if all(_score(treatment, concern) == 0 for concern in answers.concerns):
        sources = [
            source
            for concern in answers.concerns
            for source in treatment.efficacy.get(concern, Efficacy(0, "")).sources
        ]
        text = _("It does not address any of the concerns you chose.")
        reasons.append(_reason(NO_CONCERN_CODE, text, sources or treatment.sources))
    return reasons


def cautions(
    answers: IntakeAnswers, treatment: TreatmentProfile, translation=ENGLISH
) -> list[dict]:
    """The patient-specific warnings that count for ranking (section 8, rule 3)."""
    _ = translation.gettext
    found = [
        _reason(HEALTH_CODE + flag, _with_call_to_action(rule.reason, translation), rule.sources)
        for flag, rule in _flagged_rules(answers, treatment)
        if rule.action == CAUTION
    ]
    suitability = treatment.skin_types.get(answers.fitzpatrick)
    if suitability is not None and suitability.level == CAUTION:
        text = _("Skin type %(type)s: %(reason)s") % {
            "type": FITZPATRICK_TYPES[answers.fitzpatrick],
            "reason": suitability.reason,
        }
        found.append(
            _reason(SKIN_TYPE_CODE, _with_call_to_action(text, translation), suitability.sources)
        )
    downtime_max = treatment.downtime_days[1]
    if downtime_max > answers.max_downtime_days:
        text = _("Recovery often takes longer than you chose: up to %(maximum)s.") % {
            "maximum": _days(downtime_max, translation)
        }
        found.append(_reason(RECOVERY_CODE, text, treatment.sources))
    return found


def _candidate(answers, treatment, translation):
    return {
        "slug": treatment.slug,
        "family": treatment.family,
        "family_name": treatment.family_name,
        "name": treatment.name,
        "intensity": treatment.intensity,
        "intensity_rank": treatment.intensity_rank,
        "ablative": treatment.ablative,
        "score": sum(_score(treatment, concern) for concern in answers.concerns),
        "reasons": [
            _concern_reason(treatment, concern, translation) for concern in answers.concerns
        ],
        "cautions": cautions(answers, treatment, translation),
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


def _concern_reason(treatment, concern, translation):
    _ = translation.gettext
    efficacy = treatment.efficacy.get(concern, Efficacy(0, ""))
    text = _("%(concern)s: %(scale)s (%(score)d of 3).") % {
        "concern": _(CONCERNS[concern]),
        "scale": _(EFFICACY_SCALE[efficacy.score]),
        "score": efficacy.score,
    }
    if efficacy.rationale:
        text = f"{text} {efficacy.rationale}"
    return _reason(EFFICACY_CODE + concern, text, efficacy.sources or treatment.sources)


def _unique(keys):
    return list(dict.fromkeys(keys))


def _with_call_to_action(text, translation):
    text = text.strip()
    call_to_action = translation.gettext(CALL_TO_ACTION)
    if text.endswith(call_to_action):
        return text
    return f"{text} {call_to_action}"


def _days(count, translation):
    return translation.ngettext("%(count)d day", "%(count)d days", count) % {"count": count}


def _summary(candidate_count, excluded_count, translation):
    _ = translation.gettext
    if candidate_count == 0:
        return _(
            "None of the treatments we know about suits your answers right now. The reasons are "
            "listed for each one. This is not a final answer: please book a consultation with a "
            "qualified professional, who can assess your skin in person and discuss what is "
            "possible for you."
        )
    suits = translation.ngettext(
        "%(count)d treatment may suit your answers;",
        "%(count)d treatments may suit your answers;",
        candidate_count,
    ) % {"count": candidate_count}
    ruled = translation.ngettext(
        "%(count)d was ruled out.", "%(count)d were ruled out.", excluded_count
    ) % {"count": excluded_count}
    return " ".join(
        (suits, ruled, _("Discuss them with a qualified professional before deciding."))
    )
