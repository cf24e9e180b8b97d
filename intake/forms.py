"""One form per questionnaire step.

Each form checks its part of the intake with the foundation's shared validation
(`treatments.validation.parse_field`) and turns its answers into intake fields (`answers()`).
"""

import re
from dataclasses import dataclass
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy, gettext_noop, ngettext

from intake import consent, phototype
from treatments.validation import InvalidIntake, parse_field
from treatments.vocabulary import CONCERNS, HEALTH_FLAGS, RECOVERY_CHOICES


def _translated(message, **values):
    """`message` (marked with gettext_noop) translated, with `values` (translated too when they
    are lazy) put in its named placeholders."""
    return gettext(message) % {name: str(value) for name, value in values.items()}


# The same, translated only when shown: for labels built once at import, whatever the language.
translated_lazy = lazy(_translated, str)

YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]

CONCERN_EXPLANATIONS = {
    "texture_tone": gettext_lazy("Rough, dull or uneven skin, or blotchy colour."),
    "fine_lines_wrinkles": gettext_lazy(
        "Lines around the eyes or mouth, or creases that stay at rest."
    ),
    "acne_scars": gettext_lazy("Pitted, rolling or sunken marks left by past acne."),
    "sun_damage_age_spots": gettext_lazy(
        "Brown spots, freckling or rough patches from years of sun."
    ),
    "large_pores": gettext_lazy(
        "Pores that look wide or noticeable, often on the nose and cheeks."
    ),
}

SKIN_TYPE_DESCRIPTIONS = {
    1: gettext_lazy("Type I — very fair, always burns, never tans"),
    2: gettext_lazy("Type II — fair, usually burns, tans with difficulty"),
    3: gettext_lazy("Type III — medium, sometimes burns, tans gradually"),
    4: gettext_lazy("Type IV — olive or light brown, rarely burns, tans easily"),
    5: gettext_lazy("Type V — brown, very rarely burns, tans darkly"),
    6: gettext_lazy("Type VI — dark brown or black, never burns"),
}


def field_anchor(name, field):
    """The id of the element a link to a field goes to: its first option when it has several."""
    if isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"id_{name}_0"
    return f"id_{name}"


class StepForm(forms.Form):
    # {field name: consent kind}: the field's label is the text of that consent in force.
    consents = {}

    def __init__(self, *args, earlier=None, **kwargs):
        """`earlier`: the draft's answers to the steps before this one, {step slug: answers as
        the draft keeps them}, against which this step's answers are checked (CONTRADICTIONS)."""
        super().__init__(*args, **kwargs)
        self.earlier = earlier or {}
        for name, kind in self.consents.items():
            self.fields[name].label = consent.current(kind).text

    def clean(self):
        data = super().clean()
        for name, contradiction in self.contradictions().items():
            self.add_error(name, contradiction.message(self.fields[name]))
        return data

    def contradictions(self):
        """{field name: the contradiction its answer makes with an earlier answer}."""
        if not self.is_bound:
            return {}
        return {
            rule.field: rule
            for rule in CONTRADICTIONS
            if rule.field in self.fields and rule.stands(self[rule.field].data, self.earlier)
        }

    def fields_with_changes(self):
        """Each field with the contradiction on its answer, or None: the page links to the
        earlier answer beside it."""
        contradictions = self.contradictions()
        return [(field, contradictions.get(field.name)) for field in self]

    def add_intake_error(self, field, check):
        """Run one shared-validation check; on failure put its message on `field`."""
        try:
            return check()
        except InvalidIntake as error:
            # The shared validation's problems are in English (the API's words); the forms'
            # own checks come first, so a patient hardly ever sees one.
            self.add_error(field, error.problem[0].upper() + error.problem[1:] + ".")
            return None

    def error_summary(self):
        """(anchor, label, message) for the summary at the top of the step."""
        summary = [("step-form", "", message) for message in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name == forms.forms.NON_FIELD_ERRORS:
                continue
            field = self[name]
            anchor = field_anchor(name, field.field)
            summary.extend((anchor, field.label, message) for message in errors)
        return summary


class ConcernsForm(StepForm):
    concerns = forms.MultipleChoiceField(
        label=gettext_lazy("What would you like to improve?"),
        help_text=gettext_lazy("Choose all that apply."),
        choices=[
            (
                key,
                translated_lazy(
                    # Translators: a skin concern's name, then what it means.
                    gettext_noop("%(concern)s: %(explanation)s"),
                    concern=gettext_lazy(label),
                    explanation=CONCERN_EXPLANATIONS[key],
                ),
            )
            for key, label in CONCERNS.items()
        ],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one concern.")},
    )

    def clean_concerns(self):
        return self.add_intake_error(
            "concerns", lambda: list(parse_field("concerns", self.cleaned_data["concerns"]))
        )

    def answers(self):
        return {"concerns": self.cleaned_data["concerns"]}


class SkinTypeForm(StepForm):
    method = forms.ChoiceField(
        label=gettext_lazy("How would you like to tell us your skin type?"),
        choices=[
            ("questionnaire", gettext_lazy("Answer 10 short questions and we estimate it")),
            ("stated", gettext_lazy("A professional has already told me my skin type")),
        ],
        widget=forms.RadioSelect,
        initial="questionnaire",
    )
    stated_type = forms.TypedChoiceField(
        label=gettext_lazy("My skin type (Fitzpatrick)"),
        choices=[("", gettext_lazy("Choose your skin type")), *SKIN_TYPE_DESCRIPTIONS.items()],
        coerce=int,
        required=False,
        help_text=gettext_lazy("Only if a dermatologist or another professional told you."),
    )

    def phototype_fields(self):
        return [self[name] for name in phototype.QUESTIONS]

    def clean(self):
        data = super().clean()
        if data.get("method") == "stated":
            if data.get("stated_type") in (None, ""):
                self.add_error("stated_type", gettext("Choose the skin type you were told."))
            else:
                self.add_intake_error(
                    "stated_type", lambda: parse_field("fitzpatrick", data["stated_type"])
                )
        elif data.get("method") == "questionnaire":
            for name in phototype.QUESTIONS:
                if data.get(name) in (None, ""):
                    self.add_error(name, gettext("Please answer this question."))
        return data

    def answers(self):
        data = self.cleaned_data
        if data["method"] == "stated":
            return {
                "fitzpatrick": data["stated_type"],
                "skin_type_source": "stated",
                "phototype_score": None,
            }
        scores = {name: data[name] for name in phototype.QUESTIONS}
        return {
            "fitzpatrick": phototype.skin_type(scores),
            "skin_type_source": "questionnaire",
            "phototype_score": phototype.score(scores),
        }


# Question fields come from the vocabularies. They are added to the class once, not built in
# __init__ for every form: each request would otherwise pay for building and normalising them.
SkinTypeForm.base_fields.update(
    {
        name: forms.TypedChoiceField(
            label=gettext_lazy(question),
            choices=[(score, gettext_lazy(option)) for score, option in enumerate(options)],
            coerce=int,
            widget=forms.RadioSelect,
            required=False,
        )
        for name, (question, options) in phototype.QUESTIONS.items()
    }
)


# Swelling and redness can outlast a treatment's typical recovery range: recovery is to end
# this long before the patient's event.
EVENT_MARGIN_DAYS = 7
# Further ahead, today's recovery times say little about the event (and a typo is likelier).
EVENT_MAX_YEARS_AHEAD = 2


def years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February, in a year that has none
        return day.replace(year=day.year + years, day=28)


def recovery_limit(chosen_days: int, event_date: date | None, today: date) -> int:
    """The recovery time the recommendation accepts: the patient's choice, shortened so that
    recovery ends EVENT_MARGIN_DAYS before their event, and never below none."""
    if event_date is None:
        return chosen_days
    return max(0, min(chosen_days, (event_date - today).days - EVENT_MARGIN_DAYS))


class RecoveryForm(StepForm):
    recovery = forms.ChoiceField(
        label=gettext_lazy("How much recovery time can you accept?"),
        help_text=gettext_lazy(
            "Time until you are comfortable going back to work and seeing people. "
            "Some pinkness can last longer."
        ),
        choices=[(key, gettext_lazy(label)) for key, (label, _) in RECOVERY_CHOICES.items()],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose how much recovery time you can accept.")},
    )
    event_date = forms.DateField(
        label=gettext_lazy("Do you have an event coming up? (optional)"),
        help_text=gettext_lazy(
            "If so, enter its date: only treatments whose recovery ends at least a week "
            "before it are then suggested."
        ),
        required=False,
        # Browsers send a date field's value as YYYY-MM-DD. Typed by hand (where a browser has no
        # date picker), 03/12/2027 could be either March or December: only that form is taken.
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": gettext_lazy(
                "Enter the date as year, month and day, for example 2027-03-12, or leave it empty."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One day for the checks and the limit, even when midnight passes meanwhile.
        self.today = timezone.localdate()
        # Date pickers then offer only the dates accepted.
        self.fields["event_date"].widget.attrs.update(
            min=self.today.isoformat(),
            max=years_after(self.today, EVENT_MAX_YEARS_AHEAD).isoformat(),
        )

    def clean_recovery(self):
        days = RECOVERY_CHOICES[self.cleaned_data["recovery"]][1]
        self.add_intake_error("recovery", lambda: parse_field("max_downtime_days", days))
        return self.cleaned_data["recovery"]

    def clean_event_date(self):
        event = self.cleaned_data["event_date"]
        latest = years_after(self.today, EVENT_MAX_YEARS_AHEAD)
        if event is not None and event < self.today:
            raise ValidationError(
                gettext(
                    "That date has passed. Enter the date of an event still to come, or leave it "
                    "empty."
                )
            )
        if event is not None and event > latest:
            raise ValidationError(
                ngettext(
                    "Enter a date at most %(years)d year ahead, or leave it empty.",
                    "Enter a date at most %(years)d years ahead, or leave it empty.",
                    EVENT_MAX_YEARS_AHEAD,
                )
                % {"years": EVENT_MAX_YEARS_AHEAD}
            )
        return event

    def answers(self):
        recovery, event = self.cleaned_data["recovery"], self.cleaned_data["event_date"]
        chosen = RECOVERY_CHOICES[recovery][1]
        return {
            "recovery": recovery,
            "event_date": event,
            "max_downtime_days": recovery_limit(chosen, event, self.today),
        }


class HealthForm(StepForm):
    consents = {"health_consent": consent.HEALTH}
    # Asked before the questions, apart from the consent to storing (GDPR Art. 9(2)(a)).
    health_consent = forms.BooleanField(
        error_messages={
            "required": gettext_lazy(
                "We can only use your health answers with your agreement. Without it, "
                "please talk to the clinic directly."
            )
        },
    )

    def clean(self):
        data = super().clean()
        if all(flag in data for flag in HEALTH_FLAGS):
            self.add_intake_error(None, lambda: parse_field("health", self._flags(data)))
        return data

    @staticmethod
    def _flags(data):
        return {flag: data[flag] == "yes" for flag in HEALTH_FLAGS}

    def answers(self):
        return {"health": self._flags(self.cleaned_data)}


HealthForm.base_fields.update(
    {
        flag: forms.ChoiceField(
            label=gettext_lazy(question),
            help_text=translated_lazy(gettext_noop("Why we ask: %(why)s"), why=gettext_lazy(why)),
            choices=YES_NO,
            widget=forms.RadioSelect,
            error_messages={"required": gettext_lazy("Please answer yes or no.")},
        )
        for flag, (question, why) in HEALTH_FLAGS.items()
    }
)


# Control characters (Unicode category Cc) and invisible formatting (Cf: bidirectional
# overrides and isolates, zero-width characters, the byte-order mark and the like).
CONTROL_OR_FORMATTING = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def no_control_characters(value):
    """Names and addresses end up in e-mails and staff screens: no line breaks, other control
    characters, or invisible formatting such as right-to-left overrides."""
    if CONTROL_OR_FORMATTING.search(value):
        raise ValidationError(
            gettext(
                "Please use letters, numbers and punctuation only: no line breaks or hidden "
                "formatting characters."
            )
        )


class ContactForm(StepForm):
    consents = {"consent": consent.STORAGE}

    adult_confirmed = forms.BooleanField(
        label=gettext_lazy("I am 18 or older."),
        error_messages={
            "required": gettext_lazy("This tool is for adults only. Please confirm you are 18+.")
        },
    )
    name = forms.CharField(
        label=gettext_lazy("Your first name (optional)"),
        required=False,
        max_length=100,
        validators=[no_control_characters],
        help_text=gettext_lazy("Only used to greet you in emails."),
    )
    email = forms.EmailField(
        label=gettext_lazy("Your email (optional)"),
        required=False,
        max_length=254,
        validators=[no_control_characters],
        help_text=gettext_lazy("Only needed if you want follow-up emails."),
    )
    consent = forms.BooleanField(
        required=False,
        help_text=gettext_lazy(
            "Needed to save your results and to get emails. Without it you can still see "
            "your results once: nothing is stored."
        ),
    )
    # What followups.emails sends: the link to the results page now, the reminder later.
    followup_opt_in = forms.BooleanField(
        label=gettext_lazy(
            "Yes, email me a link to my results page, and later a reminder to book a "
            "consultation with a qualified professional."
        ),
        required=False,
        help_text=gettext_lazy(
            "Optional. Your answers, health answers included, are never put in an email: "
            "you read them on your results page. Every email has a one-click unsubscribe link."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("followup_opt_in") and not data.get("email") and "email" not in self.errors:
            self.add_error(
                "email", gettext("Enter your email address to receive follow-up emails.")
            )
        if data.get("followup_opt_in") and not data.get("consent"):
            self.add_error(
                "consent",
                gettext(
                    "Emails need your answers stored: agree to that above, or untick the emails."
                ),
            )
        return data

    def agrees_to_storing(self):
        return self.cleaned_data["consent"]

    def answers(self):
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "email": data["email"],
            "adult_confirmed": data["adult_confirmed"],
            "followup_opt_in": data["followup_opt_in"],
        }


@dataclass(frozen=True)
class Contradiction:
    """An answer that an earlier answer contradicts. It is refused, with the earlier answer
    quoted and a link to change it, until the patient gives another answer here (the
    conservative one) or changes the earlier one."""

    earlier_step: str  # the slug of the step with the earlier answer
    earlier_form: type[StepForm]
    # The earlier answers that make the contradiction, as the draft keeps them (all must hold);
    # the first is the one quoted and linked to.
    earlier_answers: dict[str, str]
    field: str
    refused: str

    def stands(self, answer, earlier):
        kept = earlier.get(self.earlier_step, {})
        return answer == self.refused and all(
            kept.get(name) == value for name, value in self.earlier_answers.items()
        )

    @property
    def earlier_field(self):
        return next(iter(self.earlier_answers))

    @property
    def earlier_question(self):
        return self.earlier_form.base_fields[self.earlier_field].label

    @property
    def earlier_anchor(self):
        name = self.earlier_field
        return field_anchor(name, self.earlier_form.base_fields[name])

    def message(self, field):
        earlier = self.earlier_form.base_fields[self.earlier_field]
        said = _choice_label(earlier, self.earlier_answers[self.earlier_field])
        refused = _choice_label(field, self.refused)
        # Translators: put between the answers a patient may give instead, each in quotes.
        others = gettext(" or ").join(
            # Translators: one answer a patient may give, quoted.
            gettext("“%(answer)s”") % {"answer": label}
            for value, label in field.choices
            if value != self.refused
        )
        return gettext(
            "Earlier you answered “%(said)s” to “%(question)s”, which does not fit “%(refused)s” "
            "here. Please answer %(others)s, or change that earlier answer if it was a mistake."
        ) % {"said": said, "question": self.earlier_question, "refused": refused, "others": others}


def _choice_label(field, value):
    return next(label for choice, label in field.choices if str(choice) == value)


LAST_SUN_LESS_THAN_2_WEEKS = str(phototype.QUESTIONS["last_sun"][1].index("Less than 2 weeks ago"))

# Pairs of answers that cannot both be true. Each is checked on the later step and again by the
# review, which sends the patient back to that step while one stands.
CONTRADICTIONS = [
    # Strong sun, a sunbed or tanning cream under 2 weeks ago is recent sun exposure or a tan.
    # The skin-type answers count only when the patient took the questionnaire.
    Contradiction(
        earlier_step="skin-type",
        earlier_form=SkinTypeForm,
        earlier_answers={"last_sun": LAST_SUN_LESS_THAN_2_WEEKS, "method": "questionnaire"},
        field="recent_sun_exposure_or_tan",
        refused="no",
    ),
]
