"""Reviewers also see the contact requests patients send from their results page, and the
consent texts patients agreed to."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEWERS = "Reviewers"
GRANTED = [("intake", "view_contactrequest"), ("intake", "view_consenttext")]


def grant(apps, schema_editor):
    intake = apps.get_app_config("intake")
    intake.models_module = True
    create_permissions(intake, apps=apps, verbosity=0)
    intake.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=REVIEWERS).first()
    if group is not None:
        group.permissions.add(
            *(
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in GRANTED
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0003_list_action"),
        ("intake", "0006_consent_texts"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
