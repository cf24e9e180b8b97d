"""Fitzpatrick skin type from a self-reported questionnaire.

The items and the scoring are the widely used Fitzpatrick skin-type questionnaire
(Fitzpatrick TB, "The validity and practicality of sun-reactive skin types I through VI",
Arch Dermatol 1988;124:869-871, in the ten-item self-assessment form): three parts
(genetic disposition, reaction to sun exposure, tanning habits), each answer scored 0-4, and
the total mapped to a type: 0-6 I, 7-13 II, 14-20 III, 21-27 IV, 28-34 V, 35-40 VI.
Self-report is only moderately reliable (docs/clinical-basis.md, section 5), so the result is
shown as an estimate for the clinician to confirm.
"""

# name -> (question, answers scored 0..4 in order)
QUESTIONS = {
    "eye_colour": (
        "What colour are your eyes?",
        ["Light blue, light grey or light green", "Blue, grey or green", "Hazel or light brown",
         "Dark brown", "Brownish black"],
    ),
    "hair_colour": (
        "What is your natural hair colour (before any greying)?",
        ["Red or sandy red", "Blond", "Chestnut or dark blond", "Dark brown", "Black"],
    ),
    "skin_colour": (
        "What colour is your skin where it is not exposed to the sun?",
        ["Reddish or pink", "Very pale", "Pale with a beige tint", "Light brown or olive",
         "Dark brown"],
    ),
    "freckles": (
        "Do you have freckles where your skin is not exposed to the sun?",
        ["Many", "Several", "A few", "Hardly any", "None"],
    ),
    "sunburn": (
        "What happens when you stay in the sun too long?",
        ["Painful redness, blistering and peeling", "Blistering followed by peeling",
         "Burns sometimes followed by peeling", "Rarely burns", "Never burns"],
    ),
    "tan_depth": (
        "How brown do you get?",
        ["Hardly or not at all", "Light tan", "Medium tan", "Dark tan", "Very dark brown, quickly"],
    ),
    "tan_speed": (
        "Do you turn brown within several hours of being in the sun?",
        ["Never", "Seldom", "Sometimes", "Often", "Always"],
    ),
    "face_sensitivity": (
        "How does your face react to the sun?",
        ["Very sensitive", "Sensitive", "Normal", "Very resistant", "Never had a problem"],
    ),
    "last_sun": (
        "When did you last expose your body to strong sun, a sunbed or tanning cream?",
        ["More than 3 months ago", "2–3 months ago", "1–2 months ago", "Less than a month ago",
         "Less than 2 weeks ago"],
    ),
    "face_sun_habit": (
        "Do you expose your face to the sun?",
        ["Never", "Hardly ever", "Sometimes", "Often", "Always"],
    ),
}  # fmt: skip

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
