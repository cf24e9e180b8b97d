"""The questionnaire's answers kept in the session while the patient goes through the steps.

The raw answers of each step are stored as posted, valid or not, so Back, a reload or a
reopened tab never loses anything. The session expires INTAKE_DRAFT_MAX_AGE seconds after the
last change, which is how abandoned drafts (health data) disappear.
"""

from django.conf import settings
from django.http import QueryDict

from intake.steps import STEPS

SESSION_KEY = "intake_draft"


class Draft:
    def __init__(self, session):
        self.session = session
        self.steps = session.get(SESSION_KEY, {})

    def raw(self, step):
        return self.steps.get(step.slug, {})

    def save(self, step, post_data):
        form_fields = step.form_class().fields
        # Every field is kept, absent ones too: an unticked box is not in the POST at all.
        self.steps[step.slug] = {
            name: post_data.getlist(name) if _is_multiple(field) else post_data.get(name, "")
            for name, field in form_fields.items()
        }
        self.session[SESSION_KEY] = self.steps
        self.session.set_expiry(settings.INTAKE_DRAFT_MAX_AGE)

    def form(self, step, data=None):
        """A bound form for posted data, else an unbound one showing the draft's answers."""
        if data is not None:
            return step.form_class(data)
        return step.form_class(initial=self.raw(step))

    def validated(self, step):
        """The step's bound and validated form, or None when the step was never answered."""
        if step.slug not in self.steps:
            return None
        form = step.form_class(_as_form_data(self.raw(step)))
        return form if form.is_valid() else None

    def first_incomplete(self):
        return next((step for step in STEPS if self.validated(step) is None), None)

    def clear(self):
        self.session.pop(SESSION_KEY, None)
        self.steps = {}


def _is_multiple(field):
    return getattr(field.widget, "allow_multiple_selected", False)


def _as_form_data(raw):
    data = QueryDict(mutable=True)
    for name, value in raw.items():
        if isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = value
    return data
