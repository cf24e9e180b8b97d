"""`cp .env.example .env` and starting the app must not put a clinic online with the example's
placeholder secrets: with DEBUG off the app refuses to start, in one line naming the secret."""

import pytest

from tests.resurfacing.test_production_settings import MANAGE, production_environment, run

PLACEHOLDER_SECRETS = {
    "SECRET_KEY": "change-me-to-a-long-random-string",
    "POSTGRES_PASSWORD": "change-me",
    "EMAIL_HOST_PASSWORD": "change-me",
    "DATABASE_URL": "postgres://resurfacing:change-me@db:5432/resurfacing",
}


@pytest.mark.parametrize("name", PLACEHOLDER_SECRETS)
def test_a_secret_still_holding_the_example_placeholder_stops_the_app(name):
    done = run([*MANAGE, "check"], production_environment(**{name: PLACEHOLDER_SECRETS[name]}))
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert "still holds the placeholder from .env.example" in line


def test_the_example_file_holds_exactly_those_placeholders(settings):
    example = (settings.BASE_DIR / ".env.example").read_text()
    assert "SECRET_KEY=change-me-to-a-long-random-string" in example
    assert "POSTGRES_PASSWORD=change-me" in example
