"""Fitzpatrick skin type from a self-reported questionnaire.

The items and the scoring are the widely used Fitzpatrick skin-type questionnaire
(Fitzpatrick TB, "The validity and practicality of sun-reactive skin types I through VI",
Arch Dermatol 1988;124:869-871, in the ten-item self-assessment form): three parts
(genetic disposition, reaction to sun exposure, tanning habits), each answer scored 0-4, and
the total mapped to a type: 0-6 I, 7-13 II, 14-20 III, 21-27 IV, 28-34 V, 35-40 VI.
Self-report is only moderately reliable (docs/clinical-basis.md, section 5), so the result is
shown as an estimate for the clinician to confirm.

The wording is English, marked with `gettext_noop` so that `makemessages` collects it; the form
translates it where it is shown.
"""

from django.utils.translation import gettext_noop

# name -> (question, answers scored 0..4 in order)
QUESTIONS = {
    "eye_colour": (
        gettext_noop("What colour are your eyes?"),
        [
            gettext_noop("Light blue, light grey or light green"),
            gettext_noop("Blue, grey or green"),
            gettext_noop("Hazel or light brown"),
            gettext_noop("Dark brown"),
            gettext_noop("Brownish black"),
        ],
    ),
    "hair_colour": (
        gettext_noop("What is your natural hair colour (before any greying)?"),
        [
            gettext_noop("Red or sandy red"),
            gettext_noop("Blond"),
            gettext_noop("Chestnut or dark blond"),
            gettext_noop("Dark brown"),
            gettext_noop("Black"),
        ],
    ),
    "skin_colour": (
        gettext_noop("What colour is your skin where it is not exposed to the sun?"),
        [
            gettext_noop("Reddish or pink"),
            gettext_noop("Very pale"),
            gettext_noop("Pale with a beige tint"),
            gettext_noop("Light brown or olive"),
            gettext_noop("Dark brown"),
        ],
    ),
    "freckles": (
        gettext_noop("Do you have freckles where your skin is not exposed to the sun?"),
        [
            gettext_noop("Many"),
            gettext_noop("Several"),
            gettext_noop("A few"),
            gettext_noop("Hardly any"),
            gettext_noop("None"),
        ],
    ),
    "sunburn": (
        gettext_noop("What happens when you stay in the sun too long?"),
        [
            gettext_noop("Painful redness, blistering and peeling"),
            gettext_noop("Blistering followed by peeling"),
            gettext_noop("Burns sometimes followed by peeling"),
            gettext_noop("Rarely burns"),
            gettext_noop("Never burns"),
        ],
    ),
    "tan_depth": (
        gettext_noop("How brown do you get?"),
        [
            gettext_noop("Hardly or not at all"),
            gettext_noop("Light tan"),
            gettext_noop("Medium tan"),
            gettext_noop("Dark tan"),
            gettext_noop("Very dark brown, quickly"),
        ],
    ),
    "tan_speed": (
        gettext_noop("Do you turn brown within several hours of being in the sun?"),
        [
            gettext_noop("Never"),
            gettext_noop("Seldom"),
            gettext_noop("Sometimes"),
            gettext_noop("Often"),
            gettext_noop("Always"),
        ],
    ),
    "face_sensitivity": (
        gettext_noop("How does your face react to the sun?"),
        [
            gettext_noop("Very sensitive"),
            gettext_noop("Sensitive"),
            gettext_noop("Normal"),
            gettext_noop("Very resistant"),
            gettext_noop("Never had a problem"),
        ],
    ),
    "last_sun": (
        gettext_noop(
            "When did you last expose your body to strong sun, a sunbed or tanning cream?"
        ),
        [
            gettext_noop("More than 3 months ago"),
            gettext_noop("2–3 months ago"),
            gettext_noop("1–2 months ago"),
            gettext_noop("Less than a month ago"),
            gettext_noop("Less than 2 weeks ago"),
        ],
    ),
    "face_sun_habit": (
        gettext_noop("Do you expose your face to the sun?"),
        [
            gettext_noop("Never"),
            gettext_noop("Hardly ever"),
            gettext_noop("Sometimes"),
            gettext_noop("Often"),
            gettext_noop("Always"),
        ],
    ),
}

# Upper bound of the total score for each type, in order.
TYPE_BOUNDS = [(6, 1), (13, 2), (20, 3), (27, 4), (34, 5), (40, 6)]


def score(answers: dict[str, int]) -> int:
    missing = [name for name in QUESTIONS if name not in answers]
    if missing:
        raise ValueError(f"unanswered phototype questions: {', '.join(missing)}")
    return sum(answers[name] for name in QUESTIONS)


def skin_type(answers: dict[str, int]) -> int:
    total = score(answers)
    for upper, fitzpatrick in TYPE_BOUNDS:
        if total <= upper:
            return fitzpatrick
    raise ValueError(f"phototype score out of range: {total}")
