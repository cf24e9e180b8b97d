import pytest

from tests.factories import CONTENT_EDITOR, make_staff_user

# The questionnaire's browser fixtures (tests/intake/conftest.py), for the public treatment
# pages' browser tests (test_browser_public.py).
from tests.intake.conftest import (  # noqa: F401
    browser,
    migrated_contents,
    open_page,
    restored_database,
    screenshot,
)
from treatments.models import Treatment


@pytest.fixture
def editor():
    return make_staff_user(CONTENT_EDITOR, username="eddie")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def microneedling():
    return Treatment.objects.get(slug="microneedling")
