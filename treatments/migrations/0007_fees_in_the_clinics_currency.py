"""Fees in the clinic's currency: the "typical US fees" become currency-neutral fees per session,
their figures kept as they are, and each treatment says whose fee it is: the typical range it
was seeded with (every existing row) or the clinic's own price."""

from django.db import migrations, models

from treatments import version_triggers

TABLE = "treatments_treatment"


def recreate_version_triggers(apps, schema_editor):
    """SQLite rebuilds the table to change its columns and constraints, which drops its
    triggers (migration 0006): put them back. PostgreSQL keeps them; recreating is harmless."""
    vendor = schema_editor.connection.vendor
    for statement in version_triggers.drop(vendor, TABLE) + version_triggers.create(vendor, TABLE):
        schema_editor.execute(statement)


FEE_HELP = "In the clinic's currency (Clinic profile)."
FEE_KIND = models.CharField(
    "fee kind",
    max_length=10,
    choices=[("typical", "Typical range, not a quote"), ("ours", "Our price")],
    default="typical",
    help_text="“Our price” once the fees are this clinic's own; patients see which.",
)


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0006_catalog_version_triggers"),
    ]

    operations = [
        # Unapplied, the operations below rebuild the table again after this one has run.
        migrations.RunPython(migrations.RunPython.noop, recreate_version_triggers),
        migrations.RemoveConstraint(model_name="treatment", name="cost_min_lte_max"),
        migrations.RenameField(model_name="treatment", old_name="cost_min_usd", new_name="fee_min"),
        migrations.RenameField(model_name="treatment", old_name="cost_max_usd", new_name="fee_max"),
        migrations.RenameField(
            model_name="historicaltreatment", old_name="cost_min_usd", new_name="fee_min"
        ),
        migrations.RenameField(
            model_name="historicaltreatment", old_name="cost_max_usd", new_name="fee_max"
        ),
        migrations.AlterField(
            model_name="treatment",
            name="fee_min",
            field=models.PositiveIntegerField(
                verbose_name="fee per session, low end", help_text=FEE_HELP
            ),
        ),
        migrations.AlterField(
            model_name="treatment",
            name="fee_max",
            field=models.PositiveIntegerField(
                verbose_name="fee per session, high end", help_text=FEE_HELP
            ),
        ),
        migrations.AlterField(
            model_name="historicaltreatment",
            name="fee_min",
            field=models.PositiveIntegerField(
                verbose_name="fee per session, low end", help_text=FEE_HELP
            ),
        ),
        migrations.AlterField(
            model_name="historicaltreatment",
            name="fee_max",
            field=models.PositiveIntegerField(
                verbose_name="fee per session, high end", help_text=FEE_HELP
            ),
        ),
        # Every existing row gets the default, the typical range; editors mark their own prices.
        migrations.AddField(model_name="treatment", name="fee_kind", field=FEE_KIND),
        migrations.AddField(model_name="historicaltreatment", name="fee_kind", field=FEE_KIND),
        migrations.AddConstraint(
            model_name="treatment",
            constraint=models.CheckConstraint(
                condition=models.Q(("fee_min__lte", models.F("fee_max"))), name="fee_min_lte_max"
            ),
        ),
        migrations.RunPython(recreate_version_triggers, migrations.RunPython.noop),
    ]
