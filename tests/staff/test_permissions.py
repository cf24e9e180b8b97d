"""Who reaches which staff page: every role on every staff URL.

Anonymous visitors and active accounts that are not staff are sent to the admin's sign-in page;
signed-in staff without the permission get 403; the rest see the page.
"""

import pytest
from django.urls import reverse

from intake.models import Intake
from staff.models import AuditEvent
from tests.factories import CONTENT_EDITOR, NON_STAFF, REVIEWER, SUPERUSER, make_intake
from tests.staff.helpers import ANONYMOUS, LOGIN_URL, ROLES, signed_in
from treatments.models import Treatment

pytestmark = pytest.mark.django_db

OK, FORBIDDEN, LOGIN = 200, 403, "login"


def treatment():
    return Treatment.objects.get(slug="microneedling").pk


def intake():
    return make_intake().pk


def audit_event():
    return AuditEvent.objects.create(action=AuditEvent.VIEW, detail="test").pk


STAFF = {CONTENT_EDITOR, REVIEWER, SUPERUSER}
EDITING = {CONTENT_EDITOR, SUPERUSER}
REVIEWING = {REVIEWER, SUPERUSER}
ADMINISTERING = {SUPERUSER}
NOBODY = set()

# name -> (URL name, a function giving the object's id or None, who sees the page)
PAGES = {
    "admin index": ("admin:index", None, STAFF),
    "two-factor set-up": ("admin:two_factor_setup", None, STAFF),
    "treatment list": ("admin:treatments_treatment_changelist", None, EDITING),
    "treatment change": ("admin:treatments_treatment_change", treatment, EDITING),
    "treatment history": ("admin:treatments_treatment_history", treatment, EDITING),
    "treatment preview": ("admin:treatments_treatment_preview", treatment, EDITING),
    "treatment add": ("admin:treatments_treatment_add", None, EDITING),
    "health rules": ("admin:treatments_healthrule_changelist", None, EDITING),
    "concern efficacies": ("admin:treatments_concernefficacy_changelist", None, EDITING),
    "skin types": ("admin:treatments_skintypesuitability_changelist", None, EDITING),
    "procedure families": ("admin:treatments_procedurefamily_changelist", None, EDITING),
    "intake list": ("admin:intake_intake_changelist", None, REVIEWING),
    "intake change": ("admin:intake_intake_change", intake, REVIEWING),
    "intake export": ("admin:intake_intake_export", None, REVIEWING),
    "intake erase": ("admin:intake_intake_erase", intake, REVIEWING),
    "intake add": ("admin:intake_intake_add", None, NOBODY),
    "intake delete": ("admin:intake_intake_delete", intake, NOBODY),
    "follow-up list": ("admin:followups_followup_changelist", None, REVIEWING),
    "audit log": ("admin:staff_auditevent_changelist", None, ADMINISTERING),
    "audit event": ("admin:staff_auditevent_change", audit_event, ADMINISTERING),
    "audit event add": ("admin:staff_auditevent_add", None, NOBODY),
    "audit event delete": ("admin:staff_auditevent_delete", audit_event, NOBODY),
    "users": ("admin:auth_user_changelist", None, ADMINISTERING),
    "groups": ("admin:auth_group_changelist", None, ADMINISTERING),
}


def expected(role, allowed):
    if role in (ANONYMOUS, NON_STAFF):
        return LOGIN
    return OK if role in allowed else FORBIDDEN


def url_of(page):
    url_name, make_object, _ = PAGES[page]
    return reverse(url_name, args=[make_object()] if make_object else [])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_each_role_reaches_exactly_its_staff_pages(client, role, page):
    url = url_of(page)
    signed_in(client, role)

    response = client.get(url)

    outcome = expected(role, PAGES[page][2])
    if outcome == LOGIN:
        assert response.status_code == 302
        assert response.url == f"{LOGIN_URL}?next={url}"
    else:
        assert response.status_code == outcome


SECTIONS = {
    CONTENT_EDITOR: {"treatments"},
    REVIEWER: {"intake", "followups"},
    SUPERUSER: {"treatments", "intake", "followups", "staff", "auth", "otp_totp", "axes", "clinic"},
}


@pytest.mark.parametrize("role", [CONTENT_EDITOR, REVIEWER, SUPERUSER])
def test_the_admin_index_lists_only_the_roles_own_sections(client, role):
    signed_in(client, role)

    response = client.get(reverse("admin:index"))

    sections = {app["app_label"] for app in response.context["app_list"]}
    assert sections == SECTIONS[role]


def test_a_reviewer_cannot_change_a_treatment(client):
    signed_in(client, REVIEWER)
    microneedling = Treatment.objects.get(slug="microneedling")
    url = reverse("admin:treatments_treatment_change", args=[microneedling.pk])

    response = client.post(url, {"downtime_max_days": "30"})

    assert response.status_code == 403
    microneedling.refresh_from_db()
    assert microneedling.downtime_max_days == 3


@pytest.mark.parametrize("role", [CONTENT_EDITOR, REVIEWER, SUPERUSER])
def test_nobody_can_change_an_audit_event(client, role):
    signed_in(client, role)
    event = AuditEvent.objects.create(action=AuditEvent.VIEW, detail="as it happened")
    url = reverse("admin:staff_auditevent_change", args=[event.pk])

    response = client.post(url, {"action": AuditEvent.EXPORT, "detail": "rewritten"})

    assert response.status_code == 403
    event.refresh_from_db()
    assert (event.action, event.detail) == (AuditEvent.VIEW, "as it happened")


@pytest.mark.parametrize("role", [CONTENT_EDITOR, REVIEWER, SUPERUSER])
def test_nobody_can_delete_an_audit_event(client, role):
    signed_in(client, role)
    event = AuditEvent.objects.create(action=AuditEvent.VIEW)

    response = client.post(
        reverse("admin:staff_auditevent_delete", args=[event.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_audit_log_offers_no_bulk_delete_even_to_a_superuser(client):
    signed_in(client, SUPERUSER)
    AuditEvent.objects.create(action=AuditEvent.VIEW)

    response = client.get(reverse("admin:staff_auditevent_changelist"))

    assert response.status_code == 200
    assert "delete_selected" not in response.context["cl"].model_admin.get_actions(
        response.wsgi_request
    )


@pytest.mark.parametrize("role", [REVIEWER, SUPERUSER])
def test_nobody_can_delete_an_intake_in_the_admin(client, role):
    signed_in(client, role)
    pk = intake()

    response = client.post(reverse("admin:intake_intake_delete", args=[pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Intake.objects.filter(pk=pk).exists()
