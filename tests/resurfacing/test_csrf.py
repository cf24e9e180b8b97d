"""CSRF: every URL that can change state refuses a POST without a valid token, and writes
nothing. Only the one-click unsubscribe (RFC 8058: mail clients post without a token), the
JSON API (no cookies, no session, nothing stored) and the language switch (it changes nothing but
the language a visitor reads in) are exempt."""

from html.parser import HTMLParser

import pytest
from django.test import Client

from followups.models import FollowUp
from intake import workflow
from intake.models import Intake
from tests.intake.helpers import REVIEW_URL, WORKED_EXAMPLE, step_url
from tests.resurfacing.site_map import (
    build_world,
    database_state,
    every_url,
    leaf_patterns,
    session_state,
)

pytestmark = pytest.mark.django_db

EXEMPT = {"followups:unsubscribe", "api-recommendations", "set_language"}
LANGUAGE_SWITCH = "/i18n/setlang/"
PASSWORD = "a long staff passphrase"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def patient():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def world(patient):
    patient.handler.enforce_csrf_checks = False  # the patient's draft, answered beforehand
    world = build_world(patient)
    patient.handler.enforce_csrf_checks = True
    world.superuser.set_password(PASSWORD)
    world.superuser.save()
    return world


@pytest.fixture
def staff(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.superuser)
    return client


FORM_PAGE = step_url("concerns")


def csrf_cookie(client, url=FORM_PAGE):
    """Let the client get its CSRF cookie, as a browser does on any form page."""
    client.get(url)
    return client.cookies["csrftoken"].value


def test_only_the_one_click_unsubscribe_the_api_and_the_language_switch_are_csrf_exempt():
    exempt = {name for _, name, view in leaf_patterns() if getattr(view, "csrf_exempt", False)}
    assert exempt == EXEMPT


class PostForms(HTMLParser):
    """For each <form method="post">: its action and whether it holds the CSRF token."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.forms.append([attrs.get("action") or "", False])
        elif tag == "input" and attrs.get("name") == "csrfmiddlewaretoken" and self.forms:
            self.forms[-1][1] = bool(attrs.get("value"))


def test_every_form_that_posts_carries_the_csrf_token(site_responses):
    forms, problems = 0, []
    for url, who, response in site_responses:
        if not response.headers.get("Content-Type", "").startswith("text/html"):
            continue
        parser = PostForms()
        parser.feed(response.content.decode())
        for action, has_token in parser.forms:
            if action == LANGUAGE_SWITCH:
                continue
            forms += 1
            if not has_token:
                problems.append(f"{who} {url}: the form posting to {action!r} has no token")
    assert forms > 30
    assert not problems, "\n".join(problems)


def test_every_post_without_a_token_is_refused_and_writes_nothing(world, patient, staff):
    csrf_cookie(patient)
    csrf_cookie(staff)
    database = database_state()
    refused, problems = 0, []
    for target in every_url(world):
        if target.name in EXEMPT:
            continue
        for who, client in (("patient", patient), ("staff", staff)):
            session = session_state(client)
            response = client.post(target.url, plausible_body(target, world))
            # /healthz answers GET and HEAD only, ahead of the CSRF middleware.
            expected = 405 if target.url == "/healthz" else 403
            if response.status_code != expected:
                problems.append(f"{who} POST {target.url}: {response.status_code}")
            if session_state(client) != session:
                problems.append(f"{who} POST {target.url}: the session changed")
            refused += 1
    after = database_state()
    problems.extend(f"{table} changed" for table in database if after[table] != database[table])
    assert refused > 200
    assert not problems, "\n".join(problems)


def plausible_body(target, world):
    """A body that would change something if the token were there."""
    if target.name == "intake:step":
        slug = target.url.rstrip("/").rsplit("/", 1)[1]
        return {**WORKED_EXAMPLE[slug], "next": ""}
    if target.name == "admin:login":
        return {"username": world.superuser.username, "password": PASSWORD}
    if target.name.endswith("_delete"):
        return {"post": "yes"}
    if target.name.endswith("_changelist"):
        return {"action": "delete_selected", "_selected_action": ["1"], "post": "yes"}
    if target.name == "admin:intake_intake_change":
        return {"status": workflow.IN_REVIEW, "assignee": "", "notes-TOTAL_FORMS": "0"}
    return {"name": "changed", "text": "changed"}


# -- each state-changing action: refused without a valid token, done with one ------------------


def _admin_change_form(client, url):
    """The admin change form as rendered (inlines included), as a browser would post it."""
    response = client.get(url)
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            data[bound.html_name] = "on" if value is True else str(value)
    return data


def step_post(world, client):
    return step_url("concerns"), {"concerns": ["texture_tone"], "next": ""}


def review_submit(world, client):
    return REVIEW_URL, {}


def patient_delete(world, client):
    return f"/intake/results/{world.intake.token}/delete/", {}


def admin_status_change(world, client):
    url = f"/admin/intake/intake/{world.intake.pk}/change/"
    data = _admin_change_form(client, url)
    return url, {**data, "status": workflow.IN_REVIEW, "notes-0-text": "Left a message."}


def admin_erase(world, client):
    return f"/admin/intake/intake/{world.intake.pk}/erase/", {}


def admin_action(world, client):
    pending = FollowUp.objects.filter(status=FollowUp.PENDING).values_list("pk", flat=True)
    return "/admin/followups/followup/", {
        "action": "cancel",
        "_selected_action": [str(pk) for pk in pending],
    }


def admin_delete(world, client):
    from django.contrib.auth.models import Group

    return f"/admin/auth/group/{Group.objects.first().pk}/delete/", {"post": "yes"}


def admin_password_change(world, client):
    return "/admin/password_change/", {
        "old_password": PASSWORD,
        "new_password1": "another long passphrase 42",
        "new_password2": "another long passphrase 42",
    }


def admin_login(world, client):
    return "/admin/login/", {"username": world.superuser.username, "password": PASSWORD}


def admin_logout(world, client):
    return "/admin/logout/", {}


ACTIONS = {
    "patient": [step_post, review_submit, patient_delete],
    "staff": [
        admin_status_change,
        admin_erase,
        admin_action,
        admin_delete,
        admin_password_change,
        admin_logout,
    ],
    "anonymous": [admin_login],
}
CASES = [(who, action) for who, actions in ACTIONS.items() for action in actions]
IDS = [action.__name__ for _, action in CASES]


@pytest.fixture
def visitor(request, world, patient, staff):
    return {"patient": patient, "staff": staff, "anonymous": Client(enforce_csrf_checks=True)}


def state(client):
    return database_state(), session_state(client)


@pytest.mark.parametrize(("who", "action"), CASES, ids=IDS)
def test_it_is_refused_without_a_token_and_writes_nothing(who, action, world, visitor):
    client = visitor[who]
    csrf_cookie(client)
    url, data = action(world, client)
    before = state(client)
    response = client.post(url, data)
    assert response.status_code == 403
    assert b"This form has expired" in response.content
    assert state(client) == before


@pytest.mark.parametrize(("who", "action"), CASES, ids=IDS)
def test_it_is_refused_with_a_wrong_token_and_writes_nothing(who, action, world, visitor):
    client = visitor[who]
    csrf_cookie(client)
    url, data = action(world, client)
    before = state(client)
    response = client.post(url, {**data, "csrfmiddlewaretoken": "x" * 32})
    assert response.status_code == 403
    assert state(client) == before


@pytest.mark.parametrize(("who", "action"), CASES, ids=IDS)
def test_with_the_token_the_same_post_changes_something(who, action, world, visitor):
    """The control: the refused bodies are real ones."""
    client = visitor[who]
    token = csrf_cookie(client)
    url, data = action(world, client)
    before = state(client)
    response = client.post(url, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code in (200, 302)
    assert state(client) != before


def test_the_review_submit_with_a_token_stores_the_intake(world, patient):
    token = csrf_cookie(patient, REVIEW_URL)
    count = Intake.objects.count()
    response = patient.post(REVIEW_URL, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Intake.objects.count() == count + 1
