"""Loads the active catalog from the database as the engine's plain-data snapshot."""

import threading

from django.db import connection

from resurfacing import changes
from treatments.models import Treatment
from treatments.rules import Efficacy, HealthRule, Suitability, TreatmentProfile


def load_catalog() -> tuple[TreatmentProfile, ...]:
    """The active treatments, in four queries whatever the catalog's size."""
    treatments = (
        Treatment.objects.filter(is_active=True)
        .select_related("family")
        .prefetch_related("efficacies", "skin_types", "health_rules")
    )
    return tuple(profile(treatment) for treatment in treatments)


TOPIC = "catalog"  # what a catalog change notifies (resurfacing/changes.py)

_cached = (None, None, ())  # (what changes.seen() said, the version, the snapshot)
_lock = threading.Lock()

# Where change notifications cannot be relied on, read on every request that recommends: a plain
# SELECT costs the process a quarter of the CPU of the same query through the ORM.
# CatalogVersion.bump() keeps the one row at pk 1.
_VERSION_SQL = "SELECT version FROM treatments_catalogversion WHERE id = 1"


def catalog_version() -> int:
    """The catalog's version: 0 until staff first change it."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL)
        row = cursor.fetchone()
    return row[0] if row else 0


def current_catalog() -> tuple[TreatmentProfile, ...]:
    """The snapshot, cached in this process until staff change the catalog: no query while
    no change has been notified, otherwise one (the version)."""
    global _cached
    # Before the version is read: a change committed in between moves the mark again.
    mark = changes.seen(TOPIC)
    cached_mark, cached_version, snapshot = _cached
    if mark is not None and mark == cached_mark:
        return snapshot
    version = catalog_version()
    if version != cached_version:
        with _lock:
            snapshot = load_catalog()
    _cached = (mark, version, snapshot)
    return snapshot


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
        cost_usd=(treatment.cost_min_usd, treatment.cost_max_usd),
        description=treatment.description,
        side_effects=treatment.side_effects,
        efficacy={e.concern: Efficacy(e.score, e.rationale) for e in treatment.efficacies.all()},
        skin_types={
            s.fitzpatrick: Suitability(s.suitability, s.reason) for s in treatment.skin_types.all()
        },
        health_rules={r.flag: HealthRule(r.action, r.reason) for r in treatment.health_rules.all()},
    )
