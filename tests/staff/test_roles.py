"""The two staff roles exist after migrating, with exactly the permissions of their work."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import (
    CONTENT_EDITORS,
    REVIEWERS,
    ROLES_MIGRATION,
    apps_after_the_roles_migration,
)

pytestmark = pytest.mark.django_db


def permissions_of(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_content_editors_may_edit_the_treatment_catalog_and_nothing_else():
    assert permissions_of(CONTENT_EDITORS) == {
        "treatments.add_procedurefamily",
        "treatments.change_procedurefamily",
        "treatments.view_procedurefamily",
        "treatments.add_treatment",
        "treatments.change_treatment",
        "treatments.view_treatment",
        # Sources are corrected, never deleted: rows and stored results cite them.
        "treatments.add_source",
        "treatments.change_source",
        "treatments.view_source",
        *(
            f"treatments.{action}_{model}"
            for model in ("concernefficacy", "skintypesuitability", "healthrule")
            for action in ("add", "change", "delete", "view")
        ),
    }


def test_reviewers_may_work_on_intakes_notes_and_followups_and_nothing_else():
    assert permissions_of(REVIEWERS) == {
        "intake.change_intake",
        "intake.view_intake",
        "intake.add_intakenote",
        "intake.view_intakenote",
        "intake.view_contactrequest",
        "intake.view_consenttext",
        "followups.change_followup",
        "followups.view_followup",
    }


def test_no_role_may_delete_an_intake_or_touch_the_audit_log():
    granted = permissions_of(CONTENT_EDITORS) | permissions_of(REVIEWERS)

    assert "intake.delete_intake" not in granted
    assert not {perm for perm in granted if perm.startswith("staff.")}


def test_no_role_may_change_or_delete_a_note():
    granted = permissions_of(REVIEWERS)

    assert not {"intake.change_intakenote", "intake.delete_intakenote"} & granted


def test_the_roles_migration_creates_the_groups_on_a_database_without_them():
    Group.objects.filter(name__in=[CONTENT_EDITORS, REVIEWERS]).delete()

    ROLES_MIGRATION.create_roles(apps_after_the_roles_migration(), None)

    assert len(permissions_of(CONTENT_EDITORS)) == 18
    assert len(permissions_of(REVIEWERS)) == 6


def test_the_roles_migration_can_be_reversed():
    ROLES_MIGRATION.remove_roles(apps_after_the_roles_migration(), None)

    assert not Group.objects.filter(name__in=[CONTENT_EDITORS, REVIEWERS]).exists()
