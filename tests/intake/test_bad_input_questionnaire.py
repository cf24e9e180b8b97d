"""Property-based bad input for the questionnaire: malformed posts to every step (random text
and lists in each field, fields missing, unknown fields) never give a 5xx. A valid post moves
on; anything else shows the step again with an error summary; and the draft keeps what was
posted that its field can hold (its own choices, text within its length), so nothing the
patient could have meant is lost and nothing else is kept."""

from urllib.parse import urlencode

import hypothesis
import pytest
from django import forms
from django.http import QueryDict
from django.test import Client
from hypothesis import HealthCheck, example, given
from hypothesis import strategies as st

from intake import steps
from intake.drafts import SESSION_KEY
from tests.intake.helpers import STEP_SLUGS, WORKED_EXAMPLE, answer_steps, step_url
from tests.intake.markup import parse

pytestmark = pytest.mark.django_db

NOISE = st.sampled_from(["", "on", "yes", "no", "0", "4", "7", "-1", "99", "None", "[]"])


def field_values(field):
    """Text, the field's own choices, and lists of them (a field posted several times)."""
    choices = [str(value) for value, _ in getattr(field, "choices", []) if value != ""]
    one = st.text(max_size=120) | NOISE
    if choices:
        one = one | st.sampled_from(choices)
    return one | st.lists(one, max_size=4)


def posts(step):
    """Random answers, or the worked example's valid answers with one field broken or left out
    (so each field's check is reached with the others valid)."""
    fields = step.form_class().fields
    random = st.fixed_dictionaries(
        {}, optional={name: field_values(field) for name, field in fields.items()}
    )
    valid = WORKED_EXAMPLE[step.slug]
    one_broken = st.sampled_from(sorted(fields)).flatmap(
        lambda name: st.one_of(st.none(), field_values(fields[name])).map(
            lambda value: _replaced(valid, name, value)
        )
    )
    answers = random | one_broken
    extra = st.dictionaries(st.text(min_size=1, max_size=10), st.text(max_size=10), max_size=2)
    button = st.sampled_from([{"next": ""}, {}, {"back": ""}])
    return st.tuples(answers, extra, button).map(lambda parts: {**parts[1], **parts[0], **parts[2]})


def _replaced(answers, name, value):
    changed = {key: item for key, item in answers.items() if key != name}
    if value is not None:
        changed[name] = value
    return changed


def expected_draft(step, data, before):
    """What the draft must hold after `data` was posted: for every field of the step, the
    posted choices that are the field's own, a ticked box as "on", text as posted; a value the
    field cannot hold (not one of its choices, text longer than it takes) leaves what the draft
    had."""
    posted = QueryDict(urlencode(data, doseq=True))
    expected = {}
    for name, field in step.form_class().fields.items():
        choices = {str(value) for value, _ in getattr(field, "choices", [])}
        value = posted.get(name, "")
        if getattr(field.widget, "allow_multiple_selected", False):
            expected[name] = list(dict.fromkeys(v for v in posted.getlist(name) if v in choices))
        elif isinstance(field, forms.BooleanField):
            # As Django reads a box: unticked when absent, "0" or "false" in any case.
            expected[name] = "on" if value and value.lower() not in ("0", "false") else ""
        elif choices and value not in choices | {""} or len(value) > longest_kept(field):
            expected[name] = before.get(name, "")
        else:
            expected[name] = value
    return expected


def longest_kept(field):
    """Text is kept up to the field's length; a date up to that of YYYY-MM-DD, the only form
    taken."""
    if isinstance(field, forms.DateField):
        return len("2027-03-12")
    return getattr(field, "max_length", None) or float("inf")


@pytest.mark.parametrize("slug", STEP_SLUGS)
def test_a_malformed_post_to_any_step_is_answered_clearly_and_kept(slug, settings):
    step = steps.BY_SLUG[slug]
    client = Client()
    earlier = STEP_SLUGS[: STEP_SLUGS.index(slug)]
    if earlier:
        answer_steps(client, WORKED_EXAMPLE, through=earlier[-1])

    @hypothesis.settings(
        max_examples=100,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=posts(step))
    # A valid post, so that every run also takes the way forward, whatever else it draws.
    @example(data={**WORKED_EXAMPLE[slug], "next": ""})
    def malformed(data):
        body = urlencode(data, doseq=True)
        before = client.session.get(SESSION_KEY, {}).get(slug, {})
        response = client.post(
            step_url(slug), body, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code in (200, 302), response.status_code
        valid = step.form_class(QueryDict(body)).is_valid()
        if response.status_code == 302:
            assert valid or "back" in data
        else:
            assert not valid and "back" not in data
            summary = parse(response).by_id("error-summary")
            assert summary is not None, "no error summary"
            assert summary.find_all("li"), "an empty error summary"
        assert client.session[SESSION_KEY][slug] == expected_draft(step, data, before)
        outcomes.append("moved on" if valid and "back" not in data else response.status_code)

    outcomes = []
    malformed()
    # Both ways were taken: refused and shown again, and accepted.
    assert {200, "moved on"} <= set(outcomes)
