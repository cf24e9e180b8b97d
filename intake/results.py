"""What the results page shows, derived from the stored recommendation snapshot."""

from django.utils.translation import gettext, gettext_lazy

from clinic.money import format_money
from clinic.profile import current_clinic
from treatments.presenting import Citations, present_candidates, present_excluded
from treatments.vocabulary import CONCERNS, FITZPATRICK_TYPES, HEALTH_FLAGS, RECOVERY_CHOICES

# What to bring to the consultation: what helps whatever the answers, then what an answer "yes"
# to a health question makes worth bringing (in the order of the health questions).
BRING_ALWAYS = [
    gettext_lazy("A list of your medicines and supplements."),
    gettext_lazy("Earlier skin treatments and how your skin reacted."),
]
BRING_IF_YES = {
    "pregnant_or_breastfeeding": gettext_lazy(
        "Your plans for pregnancy or breastfeeding, so that the clinician can say when "
        "treatment could start."
    ),
    "isotretinoin_recent": gettext_lazy(
        "The dates of your isotretinoin course: when it started and ended."
    ),
    "keloid_or_hypertrophic_scarring": gettext_lazy(
        "Where and when you formed raised (keloid) scars."
    ),
    "cold_sore_history": gettext_lazy(
        "When you last had a cold sore, and any antiviral tablets you took."
    ),
    "photosensitizing_medication": gettext_lazy(
        "The name of the medicine or supplement that makes your skin burn easily."
    ),
    "immunosuppressed": gettext_lazy(
        "The names of the medicines or the condition that affect your healing."
    ),
    "blood_thinners_or_bleeding_disorder": gettext_lazy(
        "The name and dose of your blood thinner, or the name of your bleeding disorder."
    ),
    "melasma_or_pih_history": gettext_lazy(
        "Earlier treatments of melasma or dark marks and how they went."
    ),
    "recent_facial_radiation": gettext_lazy("When and where you had radiotherapy."),
    "heart_liver_or_kidney_disease": gettext_lazy(
        "The name of your heart, liver or kidney condition and its medicines."
    ),
}
BRING_LAST = gettext_lazy("This summary (print it or save it as PDF).")

# Intakes stored before the recommendation carried its currency showed US dollars.
STORED_WITHOUT_CURRENCY = "USD"


def present(intake):
    """The results page's context: candidates with course costs, reasons with their sources,
    charts and the answers. Fees are in the currency the recommendation was shown in, written
    for the clinic's locale."""
    recommendation = intake.recommendation
    currency = recommendation.get("currency", STORED_WITHOUT_CURRENCY)
    cite = Citations(recommendation.get("sources", {}))
    candidates = present_candidates(recommendation["candidates"], len(intake.concerns), cite)
    excluded, shared = present_excluded(
        recommendation["excluded"], recommendation.get("shared_exclusions", []), cite
    )
    locale = current_clinic().locale
    return {
        "candidates": candidates,
        "currency": currency,
        "typical_fees": any(c["fee_kind"] != "ours" for c in candidates),
        "excluded": excluded,
        "shared_exclusions": shared,
        "possible_once_resolved": recommendation.get("possible_once_resolved", []),
        "summary": recommendation["summary"],
        "notice": recommendation["notice"],
        "downtime_chart": _range_chart(
            candidates, "downtime_days", limit=intake.max_downtime_days, unit="days"
        ),
        "cost_chart": _range_chart(
            candidates,
            "course_fees",
            unit=currency,
            write=lambda amount: format_money(amount, currency, locale),
        ),
        "answers": describe_answers(intake),
        "bring": what_to_bring(intake),
    }


def what_to_bring(intake):
    """What to bring to the consultation, for the answers given."""
    yes = [item for flag, item in BRING_IF_YES.items() if intake.health.get(flag)]
    return [*BRING_ALWAYS, *yes, BRING_LAST]


def describe_answers(intake):
    """The patient's answers in plain language, for the summary and for staff, in the active
    language."""
    yes = [gettext(HEALTH_FLAGS[flag][0]) for flag, answer in intake.health.items() if answer]
    return {
        "concerns": [gettext(CONCERNS[key]) for key in intake.concerns],
        "skin_type": gettext("Type %(type)s") % {"type": FITZPATRICK_TYPES[intake.fitzpatrick]},
        "skin_type_source": str(intake.get_skin_type_source_display()),
        "recovery": gettext(RECOVERY_CHOICES[intake.recovery][0]),
        "health_yes": yes,
    }


def _range_chart(candidates, key, unit, limit=None, write=str):
    """Rows of (name, low, high, x%, width%) on one shared scale, for an inline SVG bar chart;
    `write` turns a figure into the text shown (the ends and the scale)."""
    scale = max([c[key][1] for c in candidates] + [limit or 0, 1])
    rows = []
    for candidate in candidates:
        low, high = candidate[key]
        rows.append(
            {
                "name": candidate["name"],
                "low": low,
                "high": high,
                "low_text": write(low),
                "high_text": write(high),
                "x": round(100 * low / scale, 2),
                # A zero-width range still shows as a thin mark.
                "width": max(round(100 * (high - low) / scale, 2), 1),
            }
        )
    return {
        "rows": rows,
        "scale": scale,
        "scale_text": write(scale),
        "unit": unit,
        "limit": limit,
        "limit_x": round(100 * limit / scale, 2) if limit is not None else None,
    }
