"""Content editors add and correct sources (they pick them on every new rule row); deleting one,
which would drop its citations everywhere, is left to superusers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_EDITORS = "Content editors"
GRANTED = ["add_source", "change_source", "view_source"]


def grant(apps, schema_editor):
    treatments = apps.get_app_config("treatments")
    treatments.models_module = True
    create_permissions(treatments, apps=apps, verbosity=0)
    treatments.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name=CONTENT_EDITORS).first()
    if group is not None:
        Permission = apps.get_model("auth", "Permission")
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="treatments", codename__in=GRANTED)
        )


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=CONTENT_EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="treatments", codename__in=GRANTED)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0009_default_sources_and_questions"),
        # The roles' groups (staff), which this extends.
        ("staff", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
