import os

import pytest
from django.db import connection

# .ci/run sets REQUIRE_SERVICES=1: then a missing service fails a test instead of skipping it.
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def skip_or_fail(reason):
    """Skip locally when a service is missing; fail in CI, where it must be there."""
    if REQUIRE_SERVICES:
        pytest.fail(f"required service missing: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def expected_database(django_db_setup, django_db_blocker):
    """CI runs on PostgreSQL; make sure the suite really talks to it."""
    expected = os.environ.get("EXPECT_DATABASE_VENDOR")
    if expected:
        with django_db_blocker.unblock():
            assert connection.vendor == expected, f"tests ran on {connection.vendor}"
