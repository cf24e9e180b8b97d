"""Staff accounts in each role, intakes stored as patients submit them, and admin form data.

The role names are the groups of staff/migrations/0002_roles.py; tests find them by name, as
an administrator does.
"""

import functools
import importlib
import itertools
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from intake.models import Intake
from intake.submission import submit
from treatments.vocabulary import HEALTH_FLAGS

CONTENT_EDITORS = "Content editors"
REVIEWERS = "Reviewers"

ANONYMOUS = "anonymous"
NON_STAFF = "non-staff"
CONTENT_EDITOR = "content editor"
REVIEWER = "reviewer"
SUPERUSER = "superuser"
ROLES = [ANONYMOUS, NON_STAFF, CONTENT_EDITOR, REVIEWER, SUPERUSER]

PASSWORD = "a long staff passphrase"
LOGIN_URL = "/admin/login/"

_numbers = itertools.count(1)


ROLES_MIGRATION = importlib.import_module("staff.migrations.0002_roles")


@functools.cache
def apps_after_the_roles_migration():
    return MigrationLoader(connection).project_state(("staff", "0002_roles")).apps


def ensure_roles():
    """Put back the groups of the roles migration if a transactional test's flush deleted them
    (tests/intake/test_browser.py flushes the database), with the migration's own code."""
    if Group.objects.filter(name__in=ROLES_MIGRATION.ROLES).count() < len(ROLES_MIGRATION.ROLES):
        ROLES_MIGRATION.create_roles(apps_after_the_roles_migration(), None)


def make_user(role, username=None, password=None):
    """An active account in `role` (not ANONYMOUS). With `password` it can sign in by the form;
    the test then needs a fast password hasher (see conftest), hashing is slow on purpose."""
    assert role != ANONYMOUS, "anonymous visitors have no account"
    username = username or f"{role.replace(' ', '-')}-{next(_numbers)}"
    user = User(
        username=username,
        email=f"{username}@clinic.example",
        is_staff=role != NON_STAFF,
        is_superuser=role == SUPERUSER,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    group = {CONTENT_EDITOR: CONTENT_EDITORS, REVIEWER: REVIEWERS}.get(role)
    if group:
        ensure_roles()
        user.groups.add(Group.objects.get(name=group))
    return user


def signed_in(client, role):
    """The client signed in as a new account in `role` (left anonymous for ANONYMOUS)."""
    if role != ANONYMOUS:
        client.force_login(make_user(role))
    return client


ANSWERS = {
    "concerns": ["acne_scars"],
    "fitzpatrick": 2,
    "skin_type_source": "stated",
    "phototype_score": None,
    "recovery": "up_to_1_week",
    "max_downtime_days": 7,
    "health": dict.fromkeys(HEALTH_FLAGS, False),
    "name": "Ada Lovelace",
    "email": "ada@example.com",
    "adult_confirmed": True,
    "followup_opt_in": True,
}


def submitted_intake(days_ago=0, status=None, health_yes=(), **changes):
    """An intake stored the way the questionnaire's last step stores it.

    `days_ago` moves its submission into the past; `health_yes` answers those health flags "yes";
    `status` sets the reviewers' workflow status directly (no audit event).
    """
    answers = {**ANSWERS, **changes}
    answers["health"] = {**answers["health"], **dict.fromkeys(health_yes, True)}
    intake = submit(answers)
    updates = {}
    if days_ago:
        updates["submitted_at"] = timezone.now() - timedelta(days=days_ago)
    if status:
        updates["status"] = status
    if updates:
        Intake.objects.filter(pk=intake.pk).update(**updates)
        intake.refresh_from_db()
    return intake


def form_values(form):
    """What a browser posts for a rendered form: its current values, unchecked boxes left out."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if value is True:
            data[bound.html_name] = "on"
        elif isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = str(value)
    return data


def admin_form_data(response, **changes):
    """The admin change form as rendered, as POST data (every inline too), with `changes`."""
    data = form_values(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(form_values(formset.management_form))
        for form in formset.forms:
            data.update(form_values(form))
    data.update(changes)
    return data


def sign_in(client, username, password, **otp):
    """Post the admin's sign-in form, as a browser does (client.login() bypasses django-axes)."""
    return client.post(
        LOGIN_URL, {"username": username, "password": password, "next": "/admin/", **otp}
    )


def authenticator(user, confirmed=True):
    """A TOTP device (an authenticator app) of the account."""
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=confirmed)


def code(device, offset=0):
    """The code the authenticator app shows now (or `offset` time steps away)."""
    return str(
        totp(
            device.bin_key,
            step=device.step,
            t0=device.t0,
            digits=device.digits,
            drift=device.drift + offset,
        )
    ).zfill(device.digits)


def wrong_code(device):
    # Far outside the accepted drift window, so never valid now.
    return code(device, offset=-100)


def change_url(intake):
    return reverse("admin:intake_intake_change", args=[intake.pk])
