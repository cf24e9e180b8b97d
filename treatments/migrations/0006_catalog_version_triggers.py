"""Every change to a catalog table raises CatalogVersion.version, in the database itself."""

from django.db import migrations

from treatments import version_triggers

TABLES = [
    "treatments_procedurefamily",
    "treatments_treatment",
    "treatments_concernefficacy",
    "treatments_skintypesuitability",
    "treatments_healthrule",
]


def create_triggers(apps, schema_editor):
    CatalogVersion = apps.get_model("treatments", "CatalogVersion")
    CatalogVersion.objects.get_or_create(pk=1, defaults={"version": 1})
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        for statement in version_triggers.create(vendor, table):
            schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        for statement in version_triggers.drop(vendor, table):
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0005_catalog_version"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
