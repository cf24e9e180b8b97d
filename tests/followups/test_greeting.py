"""An e-mail may reach someone who never used the site (anyone can type any address): it greets
by first name only when what was typed is one, else with a plain "Hello"."""

import pytest

from followups.emails import build_message
from tests.factories import followup_of, make_intake

pytestmark = pytest.mark.django_db


def greeting(name):
    message = build_message(followup_of(make_intake(name=name)))
    return message.body.splitlines()[0]


@pytest.mark.parametrize("name", ["Ada", "Anne-Marie", "O'Neil", "José María"])
def test_a_first_name_is_used_in_the_greeting(name):
    assert greeting(name) == f"Hello {name},"


@pytest.mark.parametrize(
    "name",
    [
        "Your account is locked, verify at https://evil.example/login now",
        "Ann: call 555 0100",
        "A" * 41,
        "Ann2",
        "<b>Ann</b>",
    ],
)
def test_anything_else_gets_a_plain_greeting(name):
    assert greeting(name) == "Hello,"
