"""Loads the active catalog from the database as the engine's plain-data snapshot."""

import math
import time
from typing import NamedTuple

from django.utils import translation

from common.languages import current_language
from treatments.models import CatalogVersion, Treatment
from treatments.rules import Efficacy, HealthRule, Source, Suitability, TreatmentProfile


def load_catalog() -> tuple[TreatmentProfile, ...]:
    """The active treatments, in the active language, in eight queries whatever the catalog's
    size: the treatments, their rows, and the sources of each."""
    treatments = (
        Treatment.objects.filter(is_active=True)
        .select_related("family")
        .prefetch_related(
            "sources",
            "efficacies__sources",
            "skin_types__sources",
            "health_rules__sources",
        )
    )
    return tuple(profile(treatment) for treatment in treatments)


# How long a process uses its snapshot before it reads the catalog's version again: a change
# made by another process is used everywhere within this many seconds.
CHECK_SECONDS = 1.0


class _Snapshot(NamedTuple):
    version: int
    checked_at: float  # time.monotonic() when the version was last read
    profiles: tuple[TreatmentProfile, ...]


# One snapshot per language offered (settings.LANGUAGES), keyed by its code.
_snapshots: dict[str, _Snapshot] = {}


def current_catalog() -> tuple[TreatmentProfile, ...]:
    """The active catalog in the active language, loaded again only when its version has
    changed; the version is read at most once every CHECK_SECONDS per language."""
    language = current_language()
    kept = _snapshots.get(language)
    now = time.monotonic()
    if kept is not None and now - kept.checked_at < CHECK_SECONDS:
        return kept.profiles
    # The version before the rows: a change committed in between loads them again next time.
    version = CatalogVersion.current()
    if kept is None or kept.version != version:
        with translation.override(language):
            kept = _Snapshot(version, now, load_catalog())
    _snapshots[language] = kept._replace(checked_at=now)
    return kept.profiles


def changed_here():
    """This process changed the catalog: read the version at the next use, not a second later."""
    for language, kept in list(_snapshots.items()):
        _snapshots[language] = kept._replace(checked_at=-math.inf)


def profile(treatment: Treatment) -> TreatmentProfile:
    return TreatmentProfile(
        slug=treatment.slug,
        family=treatment.family.slug,
        family_name=treatment.family.name,
        name=treatment.name,
        intensity=treatment.intensity_label,
        intensity_rank=treatment.intensity_rank,
        ablative=treatment.ablative,
        downtime_days=(treatment.downtime_min_days, treatment.downtime_max_days),
        sessions=(treatment.sessions_min, treatment.sessions_max),
        fees=(treatment.fee_min, treatment.fee_max),
        fee_kind=treatment.fee_kind,
        description=treatment.description,
        side_effects=treatment.side_effects,
        sources=sources(treatment),
        questions=treatment.question_list(),
        reviewed_by=treatment.reviewed_by,
        reviewed_on=treatment.reviewed_on.isoformat() if treatment.reviewed_on else "",
        efficacy={
            e.concern: Efficacy(e.score, e.rationale, sources(e))
            for e in treatment.efficacies.all()
        },
        skin_types={
            s.fitzpatrick: Suitability(s.suitability, s.reason, sources(s))
            for s in treatment.skin_types.all()
        },
        health_rules={
            r.flag: HealthRule(r.action, r.reason, sources(r)) for r in treatment.health_rules.all()
        },
    )


def sources(row) -> tuple[Source, ...]:
    """The sources a treatment or one of its rows cites, by key."""
    return tuple(
        Source(source.key, source.title, source.publisher, source.year, source.url)
        for source in row.sources.all()
    )
