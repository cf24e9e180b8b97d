"""The two staff roles, as groups with model permissions.

Content editors keep the treatment catalog right; they never see intakes. Reviewers work
through intakes and follow-ups; they cannot change treatment content. Give a staff account
one of these groups in the admin (Users → Groups); superusers keep every permission.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_EDITORS = "Content editors"
REVIEWERS = "Reviewers"

ROLES = {
    CONTENT_EDITORS: {
        # Treatments and families are deactivated rather than deleted.
        "treatments": {
            "procedurefamily": ["add", "change", "view"],
            "treatment": ["add", "change", "view"],
            "concernefficacy": ["add", "change", "delete", "view"],
            "skintypesuitability": ["add", "change", "delete", "view"],
            "healthrule": ["add", "change", "delete", "view"],
        },
    },
    REVIEWERS: {
        "intake": {"intake": ["change", "view"], "intakenote": ["add", "view"]},
        "followups": {"followup": ["change", "view"]},
    },
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, by_app in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [
            (app_label, f"{action}_{model}")
            for app_label, models in by_app.items()
            for model, actions in models.items()
            for action in actions
        ]
        group.permissions.set(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in codenames
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("treatments", "0005_catalog_version"),
        ("intake", "0002_review_workflow"),
        ("followups", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
