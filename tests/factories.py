"""The one place tests build rows: catalog rows (factory_boy), intakes, follow-ups, staff users.

Intakes are always stored through the questionnaire's own submission (`intake.submission`), so
they carry the recommendation, the consent and the follow-ups a real patient's intake has; tests
build exactly the rows they need and pin what the application does with them.
"""

import functools
import importlib
import itertools
from datetime import timedelta

import factory
from django.contrib.auth.models import Group, User
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.http import QueryDict
from django.utils import timezone

from followups.models import FollowUp
from intake import steps as questionnaire_steps
from intake import submission, workflow
from intake.models import Intake
from treatments import models
from treatments.vocabulary import HEALTH_FLAGS

# --- Catalog rows ------------------------------------------------------------------------------


class ProcedureFamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ProcedureFamily
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"family-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())


class TreatmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Treatment

    family = factory.SubFactory(ProcedureFamilyFactory)
    slug = factory.Sequence(lambda n: f"treatment-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    intensity_rank = factory.Sequence(lambda n: 100 + n)
    intensity_label = "light"
    ablative = False
    downtime_min_days = 0
    downtime_max_days = 2
    sessions_min = 1
    sessions_max = 3
    fee_min = 100
    fee_max = 300
    description = "A test treatment."
    side_effects = "Redness."


class ConcernEfficacyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ConcernEfficacy

    treatment = factory.SubFactory(TreatmentFactory)
    concern = "texture_tone"
    score = 2
    rationale = "Helps."


class SkinTypeSuitabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SkinTypeSuitability

    treatment = factory.SubFactory(TreatmentFactory)
    fitzpatrick = 1
    suitability = "suitable"
    reason = ""


class HealthRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.HealthRule

    treatment = factory.SubFactory(TreatmentFactory)
    flag = "cold_sore_history"
    action = "caution"
    reason = "Ask about antiviral tablets."


# --- Intakes -----------------------------------------------------------------------------------

# What the steps' forms give for a patient who answered everything, merged as the review page
# merges them: one concern, a stated type II, up to a week of recovery, "no" to every health
# question, contact details and follow-up e-mails.
INTAKE_ANSWERS = {
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


def form_answers(steps):
    """What the steps' forms turn the answers posted on each step (step slug → data) into,
    merged as the review page does."""
    merged = {}
    for step in questionnaire_steps.STEPS:
        data = QueryDict(mutable=True)
        for name, value in steps[step.slug].items():
            data.setlist(name, value if isinstance(value, list) else [value])
        form = step.form_class(data)
        assert form.is_valid(), f"{step.slug}: {form.errors.as_text()}"
        merged.update(form.answers())
    return merged


def make_intake(
    *, steps=None, health_yes=(), days_ago=0, submitted_at=None, status=None, **answers
) -> Intake:
    """A submitted intake, stored by `intake.submission.submit` as the review page stores it.

    The answers are INTAKE_ANSWERS or, with `steps`, what the steps' forms make of the answers
    posted on each step (see tests.intake.helpers.answers); keyword `answers` replace single
    answers (name, email, followup_opt_in, concerns, fitzpatrick, health, ...), `health_yes`
    answers those health questions "yes".
    `days_ago` or `submitted_at` moves the submission into the past, and `status` sets the
    reviewers' workflow status, both directly in the row (no audit event; the follow-ups keep
    the due times of the submission).
    """
    assert not (days_ago and submitted_at), "give days_ago or submitted_at, not both"
    base = form_answers(steps) if steps is not None else INTAKE_ANSWERS
    unknown = set(answers) - set(base)
    assert not unknown, f"unknown answers {unknown}"
    merged = {**base, **answers}
    merged["health"] = {**merged["health"], **dict.fromkeys(health_yes, True)}
    intake = submission.submit(merged)
    if days_ago:
        submitted_at = timezone.now() - timedelta(days=days_ago)
    # Closed, for retention, when it was submitted (the admin records the real moment).
    closed_at = (submitted_at or intake.submitted_at) if status == workflow.CLOSED else None
    updates = {"submitted_at": submitted_at, "status": status, "closed_at": closed_at}
    updates = {field: value for field, value in updates.items() if value is not None}
    if updates:
        Intake.objects.filter(pk=intake.pk).update(**updates)
        intake.refresh_from_db()
    return intake


# --- Follow-ups --------------------------------------------------------------------------------


def followup_of(intake, kind=FollowUp.SUMMARY) -> FollowUp:
    """The follow-up e-mail of that kind the submission stored for the intake."""
    return intake.followups.get(kind=kind)


def make_due(row, at=None) -> FollowUp:
    """Moves the follow-up's due time to `at` (now by default), as if its time had come."""
    row.due_at = at or timezone.now()
    FollowUp.objects.filter(pk=row.pk).update(due_at=row.due_at)
    return row


# --- Staff users -------------------------------------------------------------------------------

# The groups of staff/migrations/0002_roles.py; tests find them by name, as an administrator does.
CONTENT_EDITORS = "Content editors"
REVIEWERS = "Reviewers"

# The kinds of account make_staff_user makes.
NON_STAFF = "non-staff"  # an active account without staff access
STAFF = "staff"  # staff access and no role
CONTENT_EDITOR = "content editor"
REVIEWER = "reviewer"
SUPERUSER = "superuser"
GROUP_OF_ROLE = {CONTENT_EDITOR: CONTENT_EDITORS, REVIEWER: REVIEWERS}

ROLES_MIGRATION = importlib.import_module("staff.migrations.0002_roles")
GRANT_MIGRATION = importlib.import_module("staff.migrations.0004_reviewers_see_contact_requests")

_numbers = itertools.count(1)


@functools.cache
def apps_after_the_grant_migration():
    return (
        MigrationLoader(connection)
        .project_state(("staff", "0004_reviewers_see_contact_requests"))
        .apps
    )


@functools.cache
def apps_after_the_roles_migration():
    return MigrationLoader(connection).project_state(("staff", "0002_roles")).apps


def ensure_roles():
    """Put back the groups of the roles migrations if a transactional test's flush deleted them
    (tests/intake/test_browser.py flushes the database), with the migrations' own code."""
    if Group.objects.filter(name__in=ROLES_MIGRATION.ROLES).count() < len(ROLES_MIGRATION.ROLES):
        ROLES_MIGRATION.create_roles(apps_after_the_roles_migration(), None)
        GRANT_MIGRATION.grant(apps_after_the_grant_migration(), None)


def make_staff_user(role, username=None, password=None) -> User:
    """An active account of `role` (NON_STAFF, STAFF, CONTENT_EDITOR, REVIEWER or SUPERUSER), in
    the role's group. With `password` it can sign in by the form; the test then needs a fast
    password hasher (see tests/staff/conftest.py), hashing is slow on purpose."""
    assert role in (NON_STAFF, STAFF, CONTENT_EDITOR, REVIEWER, SUPERUSER), f"no role {role!r}"
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
    if role in GROUP_OF_ROLE:
        ensure_roles()
        user.groups.add(Group.objects.get(name=GROUP_OF_ROLE[role]))
    return user


# --- Sources (appended with issue 14) ----------------------------------------------------------


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"Test-source-{n}")
    title = factory.LazyAttribute(lambda o: f"A study cited as {o.key}")
    publisher = "Test Journal"
    year = 2024
    url = factory.LazyAttribute(lambda o: f"https://example.org/{o.key}")
