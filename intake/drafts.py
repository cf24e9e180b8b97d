"""The questionnaire's answers kept in the session while the patient goes through the steps.

The answers of each step are stored as posted, valid or not, so Back, a reload or a reopened
tab never loses anything, within bounds: a choice outside its field's choices is not kept, nor
a text longer than its field allows (the form says so), and the whole draft has a size cap.
The session expires INTAKE_DRAFT_MAX_AGE seconds after the last change, which is how abandoned
drafts (health data) disappear.
"""

import json
import secrets

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext_lazy

from intake.steps import STEPS

SESSION_KEY = "intake_draft"
# The steps whose saved answers were valid when saved: navigation reads these instead of
# validating every earlier step on every request. The review validates everything again.
COMPLETE_KEY = "intake_draft_complete"
# Kept with the draft from its first saved step, so that it is in the database before the
# submission: submitting the same draft again then finds the intake stored the first time.
SUBMISSION_KEY = "intake_submission_key"
# The results token of the draft submitted last: a repeated submission (a second tab, Back, a
# retry after a lost response) finds its results instead of an empty questionnaire.
SUBMITTED_KEY = "intake_submitted_token"

# Far above what valid answers take (a few kilobytes), far below a database row worth worrying
# about.
MAX_DRAFT_CHARACTERS = 16 * 1024
# A date is kept as typed up to the length of the only form a date field takes, YYYY-MM-DD.
DATE_LENGTH = len("2027-03-12")
TOO_LARGE = gettext_lazy("Your answers are too long to keep. Please shorten them and try again.")


class Draft:
    def __init__(self, session):
        self.session = session
        self.steps = session.get(SESSION_KEY, {})

    def raw(self, step):
        return self.steps.get(step.slug, {})

    def save(self, step, post_data):
        """Keep the step's posted answers, valid or not; returns the step's bound form."""
        form = step.form_class(post_data, earlier=self.earlier(step))
        before = self.raw(step)
        # Every field is kept, absent ones too: an unticked box is not in the POST at all.
        kept = {}
        for name, field in step.form_class.base_fields.items():
            value = _kept_value(field, post_data, name)
            kept[name] = before.get(name, "") if value is None else value
        steps = {**self.steps, step.slug: kept}
        if len(json.dumps(steps)) > MAX_DRAFT_CHARACTERS:
            form.add_error(None, TOO_LARGE)
            return form
        self.steps = steps
        complete = set(self._complete()) - {step.slug}
        if form.is_valid():
            complete.add(step.slug)
        self.session[SESSION_KEY] = self.steps
        self.session[COMPLETE_KEY] = sorted(complete)
        self.session.pop(SUBMITTED_KEY, None)
        self.session.setdefault(SUBMISSION_KEY, secrets.token_urlsafe(32))
        self.session.set_expiry(settings.INTAKE_DRAFT_MAX_AGE)
        return form

    def has_answers(self, step):
        return step.slug in self.steps

    def earlier(self, step):
        """The answers to the steps before `step`, which its answers are checked against."""
        return {before.slug: self.raw(before) for before in STEPS[: STEPS.index(step)]}

    def form(self, step):
        """A form showing the draft's answers: unbound, unless an earlier answer contradicts
        them (the review sends the patient back here while one stands): then validated, so that
        the page says why."""
        checked = self._bound(step)
        return checked if checked.contradictions() else step.form_class(initial=self.raw(step))

    def validated(self, step):
        """The step's bound and validated form, or None when the step was never answered."""
        if step.slug not in self.steps:
            return None
        form = self._bound(step)
        return form if form.is_valid() else None

    def _bound(self, step):
        return step.form_class(_as_form_data(self.raw(step)), earlier=self.earlier(step))

    @property
    def submission_key(self):
        return self.session.get(SUBMISSION_KEY)

    def first_incomplete(self):
        complete = self._complete()
        return next((step for step in STEPS if step.slug not in complete), None)

    def _complete(self):
        complete = self.session.get(COMPLETE_KEY)
        if complete is None:  # a draft saved before the flags existed
            complete = [step.slug for step in STEPS if self.validated(step) is not None]
        return complete

    @property
    def submitted_token(self):
        """The results token of the last submission, while no new draft was started."""
        return None if self.steps else self.session.get(SUBMITTED_KEY)

    def submitted(self, token):
        self.clear()
        self.session[SUBMITTED_KEY] = token

    def clear(self):
        self.session.pop(SESSION_KEY, None)
        self.session.pop(COMPLETE_KEY, None)
        self.session.pop(SUBMISSION_KEY, None)
        self.steps = {}


def _kept_value(field, post_data, name):
    """What the draft keeps of a posted field, or None to keep what it had: only valid choices,
    and text no longer than the field allows."""
    if isinstance(field, forms.MultipleChoiceField):
        return list(dict.fromkeys(v for v in post_data.getlist(name) if field.valid_value(v)))
    value = post_data.get(name, "")
    if isinstance(field, forms.BooleanField):
        return "on" if field.to_python(value[:10]) else ""
    if isinstance(field, forms.ChoiceField):
        return value if value == "" or field.valid_value(value) else None
    length = DATE_LENGTH if isinstance(field, forms.DateField) else field.max_length
    return value if len(value) <= length else None


def _as_form_data(raw):
    data = QueryDict(mutable=True)
    for name, value in raw.items():
        if isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = value
    return data
