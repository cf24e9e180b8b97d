from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from treatments import catalog
from treatments.models import (
    ConcernEfficacy,
    HealthRule,
    ProcedureFamily,
    SkinTypeSuitability,
    Source,
    Treatment,
)

CATALOG_MODELS = [
    ProcedureFamily,
    Treatment,
    ConcernEfficacy,
    SkinTypeSuitability,
    HealthRule,
    Source,
]
# The models whose `sources` links are part of the catalog too.
CITING_MODELS = [Treatment, ConcernEfficacy, SkinTypeSuitability, HealthRule]


def catalog_changed(sender, **kwargs):
    # The database raised the version (migration 0006); this process need not wait to see it.
    catalog.changed_here()
    transaction.on_commit(catalog.changed_here)


def connect():
    for model in CATALOG_MODELS:
        post_save.connect(catalog_changed, sender=model, dispatch_uid=f"catalog-{model.__name__}")
        post_delete.connect(
            catalog_changed, sender=model, dispatch_uid=f"catalog-del-{model.__name__}"
        )
    for model in CITING_MODELS:
        m2m_changed.connect(
            catalog_changed,
            sender=model.sources.through,
            dispatch_uid=f"catalog-sources-{model.__name__}",
        )
