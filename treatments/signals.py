from django.db.models.signals import post_delete, post_save

from resurfacing import changes
from treatments import catalog
from treatments.models import (
    CatalogVersion,
    ConcernEfficacy,
    HealthRule,
    ProcedureFamily,
    SkinTypeSuitability,
    Treatment,
)

CATALOG_MODELS = [ProcedureFamily, Treatment, ConcernEfficacy, SkinTypeSuitability, HealthRule]


def catalog_changed(sender, **kwargs):
    CatalogVersion.bump()
    changes.notify(catalog.TOPIC)


def connect():
    for model in CATALOG_MODELS:
        post_save.connect(catalog_changed, sender=model, dispatch_uid=f"catalog-{model.__name__}")
        post_delete.connect(
            catalog_changed, sender=model, dispatch_uid=f"catalog-del-{model.__name__}"
        )
