"""A raised catalog version is one never used before, even by a rolled-back change
(treatments/version_triggers.py): PostgreSQL's triggers take it from a sequence; SQLite's are
made again with a random step."""

from django.db import migrations

from treatments import version_triggers

# Every catalog table with triggers (migrations 0006 and 0008). On SQLite this also puts back
# the treatment table's, which migration 0011 dropped when it rebuilt the table.
TABLES = [
    "treatments_procedurefamily",
    "treatments_treatment",
    "treatments_concernefficacy",
    "treatments_skintypesuitability",
    "treatments_healthrule",
    "treatments_source",
    "treatments_treatment_sources",
    "treatments_concernefficacy_sources",
    "treatments_skintypesuitability_sources",
    "treatments_healthrule_sources",
]


def versions_never_repeat(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = version_triggers.postgresql_bump_function()
    else:
        statements = [
            statement
            for table in TABLES
            for statement in version_triggers.drop(vendor, table)
            + version_triggers.create(vendor, table)
        ]
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0012_default_catalog_in_spanish"),
    ]

    operations = [migrations.RunPython(versions_never_repeat, migrations.RunPython.noop)]
