"""What the results page shows, derived from the stored recommendation snapshot."""

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


def present(intake):
    """The results page's context: candidates with course costs, charts and the answers."""
    recommendation = intake.recommendation
    candidates = recommendation["candidates"]
    return {
        "candidates": candidates,
        "excluded": recommendation["excluded"],
        "summary": recommendation["summary"],
        "notice": recommendation["notice"],
        "downtime_chart": _range_chart(
            candidates, "downtime_days", limit=intake.max_downtime_days, unit="days"
        ),
        "cost_chart": _range_chart(candidates, "course_cost_usd", unit="USD"),
        "answers": describe_answers(intake),
        "bring": BRING_TO_CONSULTATION,
    }


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


def _range_chart(candidates, key, unit, limit=None):
    """Rows of (name, low, high, x%, width%) on one shared scale, for an inline SVG bar chart."""
    scale = max([c[key][1] for c in candidates] + [limit or 0, 1])
    rows = []
    for candidate in candidates:
        low, high = candidate[key]
        rows.append(
            {
                "name": candidate["name"],
                "low": low,
                "high": high,
                "x": round(100 * low / scale, 2),
                # A zero-width range still shows as a thin mark.
                "width": max(round(100 * (high - low) / scale, 2), 1),
            }
        )
    return {
        "rows": rows,
        "scale": scale,
        "unit": unit,
        "limit": limit,
        "limit_x": round(100 * limit / scale, 2) if limit is not None else None,
    }
