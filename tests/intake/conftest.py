"""Fixtures for the questionnaire's tests, including the real-browser ones.

Playwright's sync API runs an event loop in the main thread, and Django refuses ORM calls from
a thread with a running loop unless told otherwise; the browser tests need both.
"""

import importlib
import os
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

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


def seed_default_catalog_if_empty():
    """Put back the catalog of the data migration, which a transactional test's flush deletes."""
    from treatments.models import Treatment

    if not Treatment.objects.exists():
        migration = importlib.import_module("treatments.migrations.0002_default_catalog")
        migration.load_default_catalog(apps, None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a live-server test has flushed the database, seed the catalog again.

    Tests that run later (in any folder) then see the same catalog as everywhere else. Not after
    the last test: by then the test database may already be gone.
    """
    result = yield
    transactional = {"live_server", "transactional_db"} & set(getattr(item, "fixturenames", ()))
    if transactional and nextitem is not None:
        blocker = item.config.stash[_blocking_manager_key()]
        with blocker.unblock():
            seed_default_catalog_if_empty()
    return result


def _blocking_manager_key():
    """pytest-django's database blocker, which its `django_db_blocker` fixture also returns."""
    from pytest_django.plugin import blocking_manager_key

    return blocking_manager_key


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's) for the whole session."""
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
