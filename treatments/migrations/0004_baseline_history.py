"""Records the catalog as it stands as the first entry of each row's history, so that the
first edit an editor makes can be reverted too."""

from django.db import migrations
from django.utils import timezone

MODELS = ["ProcedureFamily", "Treatment", "ConcernEfficacy", "SkinTypeSuitability", "HealthRule"]


def record_baseline(apps, schema_editor):
    now = timezone.now()
    for name in MODELS:
        model = apps.get_model("treatments", name)
        historical = apps.get_model("treatments", f"Historical{name}")
        historical.objects.bulk_create(
            historical(
                **{field.attname: getattr(row, field.attname) for field in model._meta.fields},
                history_date=now,
                history_type="+",
                history_change_reason="Catalog as seeded or before history was kept",
            )
            for row in model.objects.all()
        )


class Migration(migrations.Migration):
    dependencies = [("treatments", "0003_history")]

    operations = [migrations.RunPython(record_baseline, migrations.RunPython.noop)]
