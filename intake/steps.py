"""The questionnaire's steps, in order."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from intake import forms


@dataclass(frozen=True)
class Step:
    slug: str
    title: str  # lazily translated, as the intro
    form_class: type[forms.StepForm]
    intro: str = ""
    fields_template: str = "intake/fields/default.html"
    script: str = ""  # a static file of progressive enhancements, beside step.js


STEPS = [
    Step(
        "concerns",
        gettext_lazy("Your skin concerns"),
        forms.ConcernsForm,
        gettext_lazy("Tell us what you would like to improve. You can choose more than one."),
    ),
    Step(
        "skin-type",
        gettext_lazy("Your skin type"),
        forms.SkinTypeForm,
        gettext_lazy(
            "How your skin reacts to the sun tells how it may react to treatment. The result is "
            "an estimate: the clinician will confirm it when they see you."
        ),
        fields_template="intake/fields/skin_type.html",
        script="js/skin-type.js",
    ),
    Step(
        "recovery",
        gettext_lazy("Recovery time"),
        forms.RecoveryForm,
        gettext_lazy("Some treatments need days or weeks before your skin looks normal again."),
    ),
    Step(
        "health",
        gettext_lazy("Health questions"),
        forms.HealthForm,
        gettext_lazy(
            "Some health conditions and medicines make certain treatments unsafe or need extra "
            "care. Your answers are only used to rule treatments in or out."
        ),
    ),
    Step(
        "contact",
        gettext_lazy("Contact and consent"),
        forms.ContactForm,
        gettext_lazy("Almost done. We only ask for what we need."),
    ),
]
BY_SLUG = {step.slug: step for step in STEPS}


def number(step):
    return STEPS.index(step) + 1


def previous(step):
    index = STEPS.index(step)
    return STEPS[index - 1] if index > 0 else None


def following(step):
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None
