# The questionnaire's browser fixtures (tests/intake/conftest.py), for the public treatment
# pages' browser tests (test_browser_public.py).
from tests.intake.conftest import (  # noqa: F401
    browser,
    migrated_contents,
    open_page,
    restored_database,
    screenshot,
)
