"""Every URL of the project with real objects in its path parameters, and the objects themselves.

`every_url(world)` walks `get_resolver().url_patterns` (admin included) and fills each path
parameter from `world`, so a URL added later is checked by the tests without anyone listing it.
A parameter it cannot fill fails loudly: teach `_route_values` about it.
"""

import re
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django_otp.plugins.otp_totp.models import TOTPDevice

from followups.emails import unsubscribe_token
from intake import steps
from intake.models import Intake, IntakeNote
from staff.models import AuditEvent, record
from tests.factories import STAFF, SUPERUSER, make_intake, make_staff_user
from tests.intake.helpers import WORKED_EXAMPLE, answer_steps
from treatments.catalog import current_catalog

# Served by resurfacing.middleware.HealthCheckMiddleware, before URL resolution.
OUTSIDE_URLCONF = ["/healthz"]


@dataclass(frozen=True)
class Target:
    url: str
    name: str  # "namespace:name", "" for unnamed patterns
    route: str  # the pattern as written, for messages
    callback: object


@dataclass
class World:
    """Objects for every kind of path parameter."""

    superuser: User
    intake: Intake
    erased_intake: Intake
    unsubscribe_token: str

    def object_pk(self, app_label, model_name):
        model = admin_model(app_label, model_name)
        first = model.objects.order_by("pk").first()
        assert first is not None, f"the world has no {app_label}.{model_name} row"
        return str(first.pk)


def admin_model(app_label, model_name):
    for model in admin.site._registry:
        if (model._meta.app_label, model._meta.model_name) == (app_label, model_name):
            return model
    raise LookupError(f"{app_label}.{model_name} is not in the admin")


def build_world(patient_client):
    """Rows for every admin model, a submitted and an erased intake, and a patient whose draft
    is complete (so every step and the review page render)."""
    superuser = make_staff_user(SUPERUSER, username="root")
    other = make_staff_user(STAFF, username="editor")
    # The device belongs to another account: the superuser signs in without a code.
    TOTPDevice.objects.create(user=other, name="phone", confirmed=True)
    intake = make_intake(steps=WORKED_EXAMPLE)
    erased_intake = make_intake(steps=WORKED_EXAMPLE)
    erased_intake.erase()
    IntakeNote.objects.create(intake=intake, author=superuser, text="Called, no answer.")
    record(AuditEvent.VIEW, superuser, intake)
    attempt = {
        "username": "someone",
        "ip_address": "192.0.2.1",
        "user_agent": "test",
        "http_accept": "*/*",
        "path_info": "/admin/login/",
    }
    AccessAttempt.objects.create(**attempt, get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**attempt)
    AccessFailureLog.objects.create(**attempt)
    answer_steps(patient_client, WORKED_EXAMPLE)
    return World(superuser, intake, erased_intake, unsubscribe_token(intake))


def leaf_patterns(patterns=None, prefix=(), namespace=""):
    """(chain of patterns from the root, "namespace:name", callback) for every view."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from leaf_patterns(pattern.url_patterns, (*prefix, pattern.pattern), inner)
        else:
            assert isinstance(pattern, URLPattern)
            name = f"{namespace}{pattern.name}" if pattern.name else ""
            yield (*prefix, pattern.pattern), name, pattern.callback


def every_url(world):
    """One Target per URL (several when a parameter has several interesting values)."""
    targets = []
    for chain, name, callback in leaf_patterns():
        route = "".join(str(part) for part in chain)
        urls = [""]
        for part in chain:
            urls = [url + piece for url in urls for piece in _pieces(part, name, url, world)]
        targets.extend(Target("/" + url, name, route, callback) for url in urls)
    targets.extend(Target(url, "", url, None) for url in OUTSIDE_URLCONF)
    return targets


ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
ADMIN_MODEL_URL = re.compile(r"^admin/(?P<app>[a-z_]+)/(?P<model>[a-z_]+)/$")


def _pieces(pattern, name, url_so_far, world):
    """The concrete texts one pattern of a chain can stand for."""
    text = str(pattern)
    if not isinstance(pattern, RoutePattern):  # a regular expression (re_path)
        return _regex_pieces(text, url_so_far, world)
    pieces = [text]
    for match in ROUTE_PARAMETER.finditer(text):
        values = _route_values(match["parameter"], name, url_so_far, world)
        pieces = [piece.replace(match[0], value, 1) for piece in pieces for value in values]
    return pieces


def _route_values(parameter, name, url_so_far, world):
    if parameter == "slug" and name == "intake:step":
        return [step.slug for step in steps.STEPS]
    if parameter == "slug" and name == "treatments:detail":
        return [treatment.slug for treatment in current_catalog()]
    if parameter == "token" and name.startswith("intake:"):
        tokens = [world.intake.token]
        if name == "intake:result":
            tokens.append(world.erased_intake.token)  # the "erased" page
        return tokens
    if parameter == "token" and name == "followups:unsubscribe":
        return [world.unsubscribe_token]
    if parameter == "content_type_id":
        return [str(ContentType.objects.get_for_model(Intake).pk)]
    if parameter == "object_id" and name == "admin:view_on_site":
        return [str(world.intake.pk)]
    model = ADMIN_MODEL_URL.match(url_so_far)
    if parameter in ("object_id", "pk", "id") and model:
        return [world.object_pk(model["app"], model["model"])]
    raise AssertionError(f"no value for <{parameter}> in {name or url_so_far!r}")


def _regex_pieces(text, url_so_far, world):
    if text.startswith("^(?P<app_label>"):  # the admin's app index pages
        labels = re.match(r"\^\(\?P<app_label>([^)]*)\)", text)[1].split("|")
        return [f"{label}/" for label in labels]
    if text == "^([^/]+)/history/([^/]+)/$":  # django-simple-history: one historical version
        model = ADMIN_MODEL_URL.match(url_so_far)
        instance = admin_model(model["app"], model["model"]).objects.order_by("pk").first()
        version = instance.history.order_by("history_id").first()
        return [f"{instance.pk}/history/{version.history_id}/"]
    if text == "(?P<url>.*)$":  # the admin's catch-all
        return ["no-such-page/"]
    raise AssertionError(f"no value for the pattern {text!r} after {url_so_far!r}")


def database_state():
    """Every row of every table but the sessions' (compare those through the client)."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model is not Session
    }


# Bookkeeping the staff session-timeout middleware updates on every request.
SESSION_CLOCK = {"staff_seen_at", "staff_login_at"}


def session_state(client):
    """What the client's session holds, without the staff session clock."""
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    if not cookie or not cookie.value:
        return {}
    data = SessionStore(session_key=cookie.value).load()
    return {key: value for key, value in data.items() if key not in SESSION_CLOCK}
