"""What a patient would see of one treatment, for the editors' "preview as patient"."""

from django.utils import translation

from clinic.profile import current_clinic
from treatments.catalog import profile
from treatments.presenting import Citations, present_candidates
from treatments.rules import IntakeAnswers, recommend
from treatments.vocabulary import CONCERNS, FITZPATRICK_TYPES, HEALTH_FLAGS


def for_patient(treatment, query):
    """The preview's context for a sample patient: all concerns, no health flags, the skin
    type and accepted recovery chosen in the query string (type I, 28 days by default)."""
    fitzpatrick = _choice(query.get("fitzpatrick"), FITZPATRICK_TYPES, default=1)
    days = _choice(query.get("days"), range(0, 366), default=28)
    answers = IntakeAnswers(
        fitzpatrick=fitzpatrick, concerns=tuple(CONCERNS), max_downtime_days=days
    )
    result = recommend(answers, [profile(treatment)], translation)
    candidates = present_candidates(
        result["candidates"], len(answers.concerns), Citations(result["sources"])
    )
    rules = treatment.health_rules.all()
    return {
        "candidate": candidates[0] if candidates else None,
        "currency": current_clinic().currency,
        "excluded": result["excluded"][0] if result["excluded"] else None,
        "fitzpatrick": fitzpatrick,
        "days": days,
        "skin_types": FITZPATRICK_TYPES,
        "health_rules": [(HEALTH_FLAGS[rule.flag][0], rule) for rule in rules],
    }


def _choice(raw, allowed, default):
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return default
    return value if value in allowed else default
