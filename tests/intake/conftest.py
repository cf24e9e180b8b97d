"""Fixtures for the questionnaire's tests, including the real-browser ones.

Playwright's sync API runs an event loop in the main thread, and Django refuses ORM calls from
a thread with a running loop unless told otherwise; the browser tests need both.
"""

import os
from collections import defaultdict
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from tests.factories import REVIEWER, make_staff_user

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def migrated_contents(django_db_setup, django_db_blocker):
    """What the migrations seeded (catalog, history baseline, roles), serialized as Django's
    serialized rollback keeps it. Read before Playwright starts its event loop: from then on
    Django's connection objects belong to that loop's context and no longer carry it, so the
    browser tests put the data back themselves (`restored_database`)."""
    connection = connections[DEFAULT_DB_ALIAS]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is None:  # no collected test asked pytest-django for serialized rollback
        with django_db_blocker.unblock(), transaction.atomic():
            contents = connection.creation.serialize_db_to_string()
    return contents


def restore_migrated_data(contents):
    """Empty tables, then the migrated rows, a model at a time: Django's own restore saves them
    one by one, and flushes every table first, which made most of a browser test's time."""
    connection = connections[DEFAULT_DB_ALIAS]
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    # Only what holds rows: what the flush's post_migrate recreated (content types,
    # permissions), or what a test left.
    tables = sorted({model._meta.db_table for model in models if model._base_manager.exists()})
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    )
    rows, links = defaultdict(list), defaultdict(list)
    for stored in serializers.deserialize("json", contents):
        row = stored.object
        rows[type(row)].append(row)
        for name, targets in (stored.m2m_data or {}).items():
            field = type(row)._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            links[through].extend(
                through(**{f"{source}_id": row.pk, f"{target}_id": pk}) for pk in targets
            )
    # Foreign keys are checked when the transaction commits, so the order does not matter.
    with transaction.atomic():
        for model, objects in [*rows.items(), *links.items()]:
            model._base_manager.bulk_create(objects)
    # The rows came back with their ids: move each table's id sequence past them, as loaddata
    # does, or the next row (a history entry, say) would be given an id already taken.
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture
def restored_database(migrated_contents, transactional_db):
    """The migrated data, put back if an earlier transactional test's flush removed it."""
    from treatments.models import Treatment

    if not Treatment.objects.exists():
        restore_migrated_data(migrated_contents)


@pytest.fixture(scope="module")
def browser(migrated_contents, django_db_blocker):
    """One headless Chromium (Debian's) per module, closed after it: its event loop must not
    outlive the browser tests (see `migrated_contents`)."""
    if not CHROMIUM.exists():
        from tests.conftest import skip_or_fail

        skip_or_fail(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
    # The last test's flush ran in the event loop's context, which recreated content types;
    # leave the database as the serialized tests that follow expect it.
    with django_db_blocker.unblock():
        restore_migrated_data(migrated_contents)


@pytest.fixture
def open_page(browser):
    """Opens pages in fresh browser contexts: open_page(viewport, javascript=True)."""
    contexts = []

    def open_page(viewport=DESKTOP, javascript=True):
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """Saves a full-page screenshot to test-artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def screenshot(page, name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return screenshot


@pytest.fixture
def reviewer():
    return make_staff_user(REVIEWER, username="rita")


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client
