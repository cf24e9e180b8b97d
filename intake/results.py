"""What the results page shows, derived from the stored recommendation snapshot."""

from clinic.money import format_money
from clinic.profile import current_clinic
from treatments.vocabulary import CONCERNS, FITZPATRICK_TYPES, HEALTH_FLAGS, RECOVERY_CHOICES

BRING_TO_CONSULTATION = [
    "A list of your medicines and supplements, with the dates of any isotretinoin course and "
    "any blood thinners.",
    "Whether you get cold sores.",
    "Any past scars, raised (keloid) scars or slow healing.",
    "Earlier skin treatments and how your skin reacted.",
    "Any plans for pregnancy, or whether you are breastfeeding.",
    "This summary (print it or save it as PDF).",
]


# Intakes stored before the recommendation carried its currency showed US dollars, under the
# engine's names of then.
STORED_WITHOUT_CURRENCY = "USD"
OLD_FEE_NAMES = {"cost_usd": "fees", "course_cost_usd": "course_fees"}


def present(intake):
    """The results page's context: candidates with course costs, charts and the answers. Fees
    are in the currency the recommendation was shown in, written for the clinic's locale."""
    recommendation = intake.recommendation
    currency = recommendation.get("currency", STORED_WITHOUT_CURRENCY)
    candidates = [_with_fee_names(candidate) for candidate in recommendation["candidates"]]
    locale = current_clinic().locale
    return {
        "candidates": candidates,
        "currency": currency,
        "typical_fees": any(c["fee_kind"] != "ours" for c in candidates),
        "excluded": recommendation["excluded"],
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
        "bring": BRING_TO_CONSULTATION,
    }


def _with_fee_names(candidate):
    if "fees" in candidate:
        return candidate
    renamed = {OLD_FEE_NAMES.get(key, key): value for key, value in candidate.items()}
    return {"fee_kind": "typical", **renamed}  # the seeded figures were all there was


def describe_answers(intake):
    """The patient's answers in plain language, for the summary and for staff."""
    yes = [HEALTH_FLAGS[flag][0] for flag, answer in intake.health.items() if answer]
    return {
        "concerns": [CONCERNS[key] for key in intake.concerns],
        "skin_type": f"Type {FITZPATRICK_TYPES[intake.fitzpatrick]}",
        "skin_type_source": intake.get_skin_type_source_display(),
        "recovery": RECOVERY_CHOICES[intake.recovery][0],
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
