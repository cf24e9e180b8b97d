"""Fixtures for the questionnaire's tests, including the real-browser ones.

Playwright's sync API runs an event loop in the main thread, and Django refuses ORM calls from
a thread with a running loop unless told otherwise; the browser tests need both.
"""

import os
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections

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
def migrated_contents(django_db_setup):
    """What the migrations seeded (catalog, history baseline, roles), as pytest-django stored it
    for serialized rollback. Read before Playwright starts its event loop: from then on
    Django's connection objects belong to that loop's context and no longer carry it, so the
    browser tests put the data back themselves (`restored_database`)."""
    return getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", None)


def restore_migrated_data(contents):
    # A flush may have recreated content types and permissions: start from empty tables.
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection = connections[DEFAULT_DB_ALIAS]
    connection.creation.deserialize_db_from_string(contents)
    # The rows came back with their ids: move each table's id sequence past them, as loaddata
    # does, or the next row (a history entry, say) would be given an id already taken.
    statements = connection.ops.sequence_reset_sql(
        no_style(), apps.get_models(include_auto_created=True)
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture
def restored_database(migrated_contents, transactional_db):
    """The migrated data, put back if an earlier transactional test's flush removed it."""
    from treatments.models import Treatment

    if migrated_contents and not Treatment.objects.exists():
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
    if migrated_contents:
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
