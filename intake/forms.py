"""One form per questionnaire step.

Each form checks its part of the intake with the foundation's shared validation
(`treatments.validation.parse_field`) and turns its answers into intake fields (`answers()`).
"""

import re

from django import forms
from django.core.exceptions import ValidationError

from intake import consent, phototype
from treatments.validation import InvalidIntake, parse_field
from treatments.vocabulary import CONCERNS, HEALTH_FLAGS, RECOVERY_CHOICES

YES_NO = [("yes", "Yes"), ("no", "No")]

CONCERN_EXPLANATIONS = {
    "texture_tone": "Rough, dull or uneven skin, or blotchy colour.",
    "fine_lines_wrinkles": "Lines around the eyes or mouth, or creases that stay at rest.",
    "acne_scars": "Pitted, rolling or sunken marks left by past acne.",
    "sun_damage_age_spots": "Brown spots, freckling or rough patches from years of sun.",
    "large_pores": "Pores that look wide or noticeable, often on the nose and cheeks.",
}  # fmt: skip

SKIN_TYPE_DESCRIPTIONS = {
    1: "Type I — very fair, always burns, never tans",
    2: "Type II — fair, usually burns, tans with difficulty",
    3: "Type III — medium, sometimes burns, tans gradually",
    4: "Type IV — olive or light brown, rarely burns, tans easily",
    5: "Type V — brown, very rarely burns, tans darkly",
    6: "Type VI — dark brown or black, never burns",
}


class StepForm(forms.Form):
    # {field name: consent kind}: the field's label is the text of that consent in force.
    consents = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, kind in self.consents.items():
            self.fields[name].label = consent.current(kind).text

    def add_intake_error(self, field, check):
        """Run one shared-validation check; on failure put its message on `field`."""
        try:
            return check()
        except InvalidIntake as error:
            self.add_error(field, error.problem[0].upper() + error.problem[1:] + ".")
            return None

    def error_summary(self):
        """(anchor, label, message) for the summary at the top of the step."""
        summary = [("step-form", "", message) for message in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name == forms.forms.NON_FIELD_ERRORS:
                continue
            field = self[name]
            anchor = field.auto_id
            if isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                anchor = f"{anchor}_0"
            summary.extend((anchor, field.label, message) for message in errors)
        return summary


class ConcernsForm(StepForm):
    concerns = forms.MultipleChoiceField(
        label="What would you like to improve?",
        help_text="Choose all that apply.",
        choices=[(key, f"{label}: {CONCERN_EXPLANATIONS[key]}") for key, label in CONCERNS.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one concern."},
    )

    def clean_concerns(self):
        return self.add_intake_error(
            "concerns", lambda: list(parse_field("concerns", self.cleaned_data["concerns"]))
        )

    def answers(self):
        return {"concerns": self.cleaned_data["concerns"]}


class SkinTypeForm(StepForm):
    method = forms.ChoiceField(
        label="How would you like to tell us your skin type?",
        choices=[
            ("questionnaire", "Answer 10 short questions and we estimate it"),
            ("stated", "A professional has already told me my skin type"),
        ],
        widget=forms.RadioSelect,
        initial="questionnaire",
    )
    stated_type = forms.TypedChoiceField(
        label="My skin type (Fitzpatrick)",
        choices=[("", "Choose your skin type"), *SKIN_TYPE_DESCRIPTIONS.items()],
        coerce=int,
        required=False,
        help_text="Only if a dermatologist or another professional told you.",
    )

    def phototype_fields(self):
        return [self[name] for name in phototype.QUESTIONS]

    def clean(self):
        data = super().clean()
        if data.get("method") == "stated":
            if data.get("stated_type") in (None, ""):
                self.add_error("stated_type", "Choose the skin type you were told.")
            else:
                self.add_intake_error(
                    "stated_type", lambda: parse_field("fitzpatrick", data["stated_type"])
                )
        elif data.get("method") == "questionnaire":
            for name in phototype.QUESTIONS:
                if data.get(name) in (None, ""):
                    self.add_error(name, "Please answer this question.")
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
            label=question,
            choices=list(enumerate(options)),
            coerce=int,
            widget=forms.RadioSelect,
            required=False,
        )
        for name, (question, options) in phototype.QUESTIONS.items()
    }
)


class RecoveryForm(StepForm):
    recovery = forms.ChoiceField(
        label="How much recovery time can you accept?",
        help_text="Time until you are comfortable going back to work and seeing people. "
        "Some pinkness can last longer.",
        choices=[(key, label) for key, (label, _) in RECOVERY_CHOICES.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how much recovery time you can accept."},
    )

    def clean_recovery(self):
        days = RECOVERY_CHOICES[self.cleaned_data["recovery"]][1]
        self.add_intake_error("recovery", lambda: parse_field("max_downtime_days", days))
        return self.cleaned_data["recovery"]

    def answers(self):
        recovery = self.cleaned_data["recovery"]
        return {"recovery": recovery, "max_downtime_days": RECOVERY_CHOICES[recovery][1]}


class HealthForm(StepForm):
    consents = {"health_consent": consent.HEALTH}
    # Asked before the questions, apart from the consent to storing (GDPR Art. 9(2)(a)).
    health_consent = forms.BooleanField(
        error_messages={
            "required": "We can only use your health answers with your agreement. Without it, "
            "please talk to the clinic directly."
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
            label=question,
            help_text=f"Why we ask: {why}",
            choices=YES_NO,
            widget=forms.RadioSelect,
            error_messages={"required": "Please answer yes or no."},
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
            "Please use letters, numbers and punctuation only: no line breaks or hidden "
            "formatting characters."
        )


class ContactForm(StepForm):
    consents = {"consent": consent.STORAGE}

    adult_confirmed = forms.BooleanField(
        label="I am 18 or older.",
        error_messages={"required": "This tool is for adults only. Please confirm you are 18+."},
    )
    name = forms.CharField(
        label="Your first name (optional)",
        required=False,
        max_length=100,
        validators=[no_control_characters],
        help_text="Only used to greet you in emails.",
    )
    email = forms.EmailField(
        label="Your email (optional)",
        required=False,
        max_length=254,
        validators=[no_control_characters],
        help_text="Only needed if you want follow-up emails.",
    )
    consent = forms.BooleanField(
        required=False,
        help_text="Needed to save your results and to get emails. Without it you can still see "
        "your results once: nothing is stored.",
    )
    followup_opt_in = forms.BooleanField(
        label="Yes, email me a summary and a reminder to book a consultation with a qualified "
        "professional.",
        required=False,
        help_text="Optional. Every email has a one-click unsubscribe link.",
    )

    def clean(self):
        data = super().clean()
        if data.get("followup_opt_in") and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "Enter your email address to receive follow-up emails.")
        if data.get("followup_opt_in") and not data.get("consent"):
            self.add_error(
                "consent",
                "Emails need your answers stored: agree to that above, or untick the emails.",
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
