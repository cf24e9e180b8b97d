"""The public treatment pages: every treatment side by side, and each one in full.

Built from the catalog snapshot the engine reads (treatments.catalog), so that the pages show
exactly what the engine ranks, and cost no query for the treatments while the snapshot is fresh.
"""

from datetime import date

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.views.decorators.http import require_safe

from treatments.catalog import current_catalog
from treatments.models import ProcedureFamily
from treatments.rules import course_fees
from treatments.vocabulary import (
    AVOID,
    CAUTION,
    CONCERNS,
    EFFICACY_SCALE,
    EXCLUDE,
    FITZPATRICK_TYPES,
    HEALTH_FLAGS,
)

# "Helps most with" names only the concerns where a treatment is at least "a good option".
HELPS_MOST_MIN_SCORE = 2


@require_safe
def index(request):
    catalog = current_catalog()
    return render(
        request,
        "treatments/index.html",
        {
            "families": families(catalog),
            "rows": [overview(treatment) for treatment in catalog],
        },
    )


@require_safe
def detail(request, slug):
    # Inactive treatments are not in the snapshot: they 404 like unknown ones.
    treatment = next((t for t in current_catalog() if t.slug == slug), None)
    if treatment is None:
        raise Http404("No such treatment")
    sources = numbered_sources(treatment)
    cite = citer(sources)
    return render(
        request,
        "treatments/detail.html",
        {
            **overview(treatment),
            "course_fees": course_fees(treatment),
            "helps": [
                {
                    "concern": CONCERNS[concern],
                    "score": efficacy.score,
                    "scale": EFFICACY_SCALE[efficacy.score],
                    "rationale": efficacy.rationale,
                    "sources": cite(efficacy.sources),
                }
                for concern, efficacy in sorted(
                    treatment.efficacy.items(), key=lambda item: -item[1].score
                )
            ],
            "not_suggested_if": health_rules(treatment, EXCLUDE, cite),
            "discuss_first_if": health_rules(treatment, CAUTION, cite),
            "skin_types": skin_types(treatment, cite),
            "sources": sources,
            "treatment_sources": cite(treatment.sources),
            "reviewed_on": date.fromisoformat(treatment.reviewed_on)
            if treatment.reviewed_on
            else None,
        },
    )


def families(catalog):
    """The procedure families of the active treatments, by name, each with its treatments."""
    descriptions = dict(ProcedureFamily.objects.values_list("slug", "description"))
    grouped = {}
    for treatment in catalog:
        grouped.setdefault(treatment.family, []).append(treatment)
    return sorted(
        (
            {
                "slug": slug,
                "name": members[0].family_name,
                "description": descriptions.get(slug, ""),
                "treatments": members,
            }
            for slug, members in grouped.items()
        ),
        key=lambda family: family["name"],
    )


def overview(treatment):
    """What both pages say about a treatment at a glance."""
    return {
        "treatment": treatment,
        "recovery": days(*treatment.downtime_days),
        "sessions": span(*treatment.sessions),
        "helps_most": helps_most(treatment),
    }


def span(low, high):
    return str(low) if low == high else f"{low}–{high}"


def days(low, high):
    if low == high:
        return ngettext("%(count)d day", "%(count)d days", low) % {"count": low}
    return gettext("%(low)s–%(high)s days") % {"low": low, "high": high}


def helps_most(treatment):
    """The names of the concerns with the treatment's highest score, when that is at least
    "a good option"."""
    best = max((efficacy.score for efficacy in treatment.efficacy.values()), default=0)
    if best < HELPS_MOST_MIN_SCORE:
        return []
    return [
        name
        for concern, name in CONCERNS.items()
        if concern in treatment.efficacy and treatment.efficacy[concern].score == best
    ]


def health_rules(treatment, action, cite):
    """The health questions whose "yes" has this effect, in the health screen's order."""
    return [
        {"question": question, "reason": rule.reason, "sources": cite(rule.sources)}
        for flag, (question, _why) in HEALTH_FLAGS.items()
        if (rule := treatment.health_rules.get(flag)) and rule.action == action
    ]


NOT_REVIEWED = gettext_lazy("its suitability has not been reviewed, so it is never suggested.")


def skin_types(treatment, cite):
    """The skin types to avoid or to take care with, those sharing a reason together. A type
    missing from the catalog is one to avoid, as the engine treats it."""
    groups = {}
    for number, roman in FITZPATRICK_TYPES.items():
        suitability = treatment.skin_types.get(number)
        if suitability is None:
            level, reason, sources = AVOID, str(NOT_REVIEWED), ()
        elif suitability.level in (AVOID, CAUTION):
            level, reason, sources = suitability
        else:
            continue
        group = groups.setdefault((level, reason), {"types": [], "sources": []})
        group["types"].append(roman)
        group["sources"].extend(sources)
    return [
        {
            "avoid": level == AVOID,
            "types": group["types"],
            "reason": reason,
            "sources": cite(group["sources"]),
        }
        for (level, reason), group in groups.items()
    ]


def numbered_sources(treatment):
    """Every source the page cites, once each, numbered."""
    rows = [
        *treatment.efficacy.values(),
        *treatment.health_rules.values(),
        *treatment.skin_types.values(),
    ]
    unique = {}
    for source in [*treatment.sources, *(source for row in rows for source in row.sources)]:
        unique.setdefault(source.key, source)
    return [
        {"number": number, "source": source}
        for number, source in enumerate(unique.values(), start=1)
    ]


def citer(sources):
    """cite(sources) -> the numbered entries of those sources, once each."""
    by_key = {entry["source"].key: entry for entry in sources}

    def cite(cited):
        return [by_key[key] for key in dict.fromkeys(source.key for source in cited)]

    return cite
