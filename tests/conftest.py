import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from clinic import profile as clinic_profile
from intake import consent
from intake import views as intake_views
from resurfacing.celery import app as celery_app
from tests.mail_server import mail_server  # noqa: F401  (a fixture for every test)
from treatments import catalog

# .ci/run sets REQUIRE_SERVICES=1: then a missing service fails a test instead of skipping it.
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def skip_or_fail(reason):
    """Skip locally when a service is missing; fail in CI, where it must be there."""
    if REQUIRE_SERVICES:
        pytest.fail(f"required service missing: {reason}")
    pytest.skip(reason)


@pytest.fixture
def postgresql():
    """For tests that need a database other processes can reach."""
    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL (DATABASE_URL)")


@pytest.fixture(scope="session", autouse=True)
def expected_database(django_db_setup, django_db_blocker):
    """CI runs on PostgreSQL; make sure the suite really talks to it."""
    expected = os.environ.get("EXPECT_DATABASE_VENDOR")
    if expected:
        with django_db_blocker.unblock():
            assert connection.vendor == expected, f"tests ran on {connection.vendor}"


@pytest.fixture(autouse=True)
def tasks_run_in_the_test():
    """No test publishes to the developer's broker: a queued task runs right away, in
    the test (tests/followups/test_worker.py switches this off for its real worker)."""
    saved = {key: celery_app.conf[key] for key in ("task_always_eager", "task_eager_propagates")}
    celery_app.conf.update(task_always_eager=True, task_eager_propagates=True)
    yield
    celery_app.conf.update(saved)


def forget_what_the_process_keeps():
    cache.clear()
    intake_views.BLANK_STEP_PAGES.clear()
    intake_views.RESULT_PAGES.clear()
    # Kept: a version is never used twice, even by a rolled-back change, so reading it is
    # enough to tell whether the snapshot is still the catalog's.
    catalog.changed_here()
    clinic_profile.forget()
    consent.forget()


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counts live in the cache; rendered pages in process memory, where a
    rolled-back test would leave them out of date: each test starts with none, and reads the
    catalog's version again before it uses the catalog snapshot."""
    forget_what_the_process_keeps()
    yield
    forget_what_the_process_keeps()


@pytest.fixture(autouse=True)
def default_language():
    """A request through the test client leaves its language active in the test's thread, as
    a server's thread keeps it until its next request: each test starts in the default one."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
