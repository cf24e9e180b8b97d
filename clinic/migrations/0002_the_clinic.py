"""The clinic's profile on first migrate: from the CLINIC_* settings when set, else example
details that say so; recorded as the first entry of its history. From then on the admin is the
source of truth."""

from django.db import migrations
from django.utils import timezone


def create_profile(apps, schema_editor):
    from clinic.profile import example_clinic

    Clinic = apps.get_model("clinic", "Clinic")
    if Clinic.objects.exists():
        return
    example = example_clinic()
    fields = [f.attname for f in Clinic._meta.concrete_fields if f.name != "updated_at"]
    clinic = Clinic.objects.create(**{name: getattr(example, name) for name in fields})
    apps.get_model("clinic", "HistoricalClinic").objects.create(
        **{field.attname: getattr(clinic, field.attname) for field in Clinic._meta.fields},
        history_date=timezone.now(),
        history_type="+",
        history_change_reason="Set up on first migrate",
    )


class Migration(migrations.Migration):
    dependencies = [("clinic", "0001_initial")]

    operations = [migrations.RunPython(create_profile, migrations.RunPython.noop)]
