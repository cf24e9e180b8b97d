"""The clinical vocabulary shared by the catalog, the engine, the forms and the API.

Keys and wording follow docs/clinical-basis.md (v1.1): concerns (section 4),
Fitzpatrick types (section 5), health-screen flags (section 6) and recovery choices (section 7).
Keys are stable identifiers stored in the database and used in JSON; never rename one.

The wording is English, marked with `gettext_noop` so that Django's `makemessages` collects it;
it is translated where it is shown (a template's `{% translate %}`, the engine's `translation`).
"""


def gettext_noop(message):
    return message


CONCERNS = {
    "texture_tone": gettext_noop("Texture and tone"),
    "fine_lines_wrinkles": gettext_noop("Fine lines and wrinkles"),
    "acne_scars": gettext_noop("Acne scars"),
    "sun_damage_age_spots": gettext_noop("Sun damage and age spots"),
    "large_pores": gettext_noop("Large pores"),
}

FITZPATRICK_TYPES = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}

# flag -> (question asked in the health screen, why it is asked)
HEALTH_FLAGS = {
    "pregnant_or_breastfeeding": (
        gettext_noop("Are you pregnant, trying to conceive, or breastfeeding?"),
        gettext_noop("Most cosmetic resurfacing is postponed during pregnancy and breastfeeding."),
    ),
    "isotretinoin_recent": (
        gettext_noop(
            "Are you taking, or have you taken in the last 12 months, isotretinoin tablets "
            "(Accutane, Roaccutane, Absorica and others)?"
        ),
        gettext_noop(
            "Isotretinoin changes how skin heals; deeper treatments are usually postponed."
        ),
    ),
    "keloid_or_hypertrophic_scarring": (
        gettext_noop(
            "Do you tend to form raised, thick or spreading scars (keloid or hypertrophic scars)?"
        ),
        gettext_noop("Scar-prone skin can form new raised scars after deeper treatments."),
    ),
    "active_skin_infection": (
        gettext_noop(
            "Do you have any infection, cold sore, open wound or unexplained rash on the area "
            "right now?"
        ),
        gettext_noop(
            "Treating infected or broken skin can spread the infection and delay healing."
        ),
    ),
    "cold_sore_history": (
        gettext_noop("Have you ever had cold sores (herpes simplex) on your face or lips?"),
        gettext_noop(
            "Resurfacing can wake up the cold-sore virus; tablets beforehand can prevent it."
        ),
    ),
    "photosensitizing_medication": (
        gettext_noop(
            "Are you taking any medicine or supplement that makes your skin burn easily in the sun "
            "(e.g. doxycycline, some diuretics, St John's wort)?"
        ),
        gettext_noop("Sun-sensitive skin burns and darkens more easily after treatment."),
    ),
    "recent_sun_exposure_or_tan": (
        gettext_noop(
            "Have you had a tan, sunburn, sunbed use or a lot of sun on the area in the last 8 "
            "weeks, or is the area still tanned?"
        ),
        gettext_noop("Tanned skin absorbs laser energy and darkens more easily after peels."),
    ),
    "immunosuppressed": (
        gettext_noop(
            "Do you have a weakened immune system or slow wound healing (e.g. transplant or cancer "
            "medicines, long-term steroid tablets, biologics, uncontrolled diabetes)?"
        ),
        gettext_noop("Deeper treatments make a wound that must heal well."),
    ),
    "blood_thinners_or_bleeding_disorder": (
        gettext_noop(
            "Do you take blood thinners (e.g. warfarin, apixaban, clopidogrel, daily aspirin) or "
            "have a bleeding/clotting disorder?"
        ),
        gettext_noop("Some treatments cause bleeding or bruising."),
    ),
    "active_inflammatory_acne": (
        gettext_noop("Do you have red, inflamed spots, pustules or cysts on the area right now?"),
        gettext_noop("Some treatments can spread or worsen active acne."),
    ),
    "melasma_or_pih_history": (
        gettext_noop(
            "Have you had melasma, or dark marks that linger after spots, injuries or earlier "
            "treatments?"
        ),
        gettext_noop("Heat and wounding can bring back or worsen dark patches."),
    ),
    "vitiligo_or_psoriasis": (
        gettext_noop(
            "Do you have vitiligo, psoriasis or another condition where new patches appear where "
            "the skin is injured?"
        ),
        gettext_noop("These conditions can flare where the skin is injured."),
    ),
    "recent_facial_radiation": (
        gettext_noop(
            "Have you had radiotherapy to the face or neck in the last 12 months, or do you have "
            "skin damaged by radiotherapy?"
        ),
        gettext_noop("Skin treated with radiotherapy heals poorly after resurfacing."),
    ),
    "heart_liver_or_kidney_disease": (
        gettext_noop(
            "Do you have heart-rhythm problems, heart disease, or kidney or liver disease?"
        ),
        gettext_noop(
            "The deep peel's phenol can affect the heart and is cleared by the liver and kidneys."
        ),
    ),
}

# flag -> the short label staff see in the admin (rule lists, filters, history).
HEALTH_FLAG_LABELS = {
    "pregnant_or_breastfeeding": gettext_noop("Pregnant, trying to conceive or breastfeeding"),
    "isotretinoin_recent": gettext_noop("Isotretinoin tablets in the last 12 months"),
    "keloid_or_hypertrophic_scarring": gettext_noop("Raised scars (keloid or hypertrophic)"),
    "active_skin_infection": gettext_noop("Infection, cold sore or open wound now"),
    "cold_sore_history": gettext_noop("Cold sores (herpes simplex) in the past"),
    "photosensitizing_medication": gettext_noop("Medicine that makes the skin sun-sensitive"),
    "recent_sun_exposure_or_tan": gettext_noop("Tan or a lot of sun in the last 8 weeks"),
    "immunosuppressed": gettext_noop("Weakened immunity or slow healing"),
    "blood_thinners_or_bleeding_disorder": gettext_noop("Blood thinners or a bleeding disorder"),
    "active_inflammatory_acne": gettext_noop("Inflamed acne now"),
    "melasma_or_pih_history": gettext_noop("Melasma or dark marks after inflammation (PIH)"),
    "vitiligo_or_psoriasis": gettext_noop("Vitiligo, psoriasis or a similar condition"),
    "recent_facial_radiation": gettext_noop("Radiotherapy to the face or neck"),
    "heart_liver_or_kidney_disease": gettext_noop("Heart, liver or kidney disease"),
}

# choice -> (label, max_downtime_days), section 7.
RECOVERY_CHOICES = {
    "none": (gettext_noop("No visible downtime — back to normal the same day"), 0),
    "up_to_2_days": (gettext_noop("Up to 2 days"), 2),
    "up_to_1_week": (gettext_noop("Up to 1 week"), 7),
    "up_to_2_weeks": (gettext_noop("Up to 2 weeks"), 14),
    "more_than_2_weeks": (gettext_noop("2 weeks or more"), 28),
}

SUITABLE, CAUTION, AVOID = "suitable", "caution", "avoid"
SUITABILITY = {
    SUITABLE: gettext_noop("Suitable"),
    CAUTION: gettext_noop("Caution"),
    AVOID: gettext_noop("Avoid"),
}

EXCLUDE = "exclude"
HEALTH_ACTIONS = {EXCLUDE: gettext_noop("Exclude"), CAUTION: gettext_noop("Caution")}

EFFICACY_SCALE = {
    0: gettext_noop("not a treatment for this"),
    1: gettext_noop("a minor benefit"),
    2: gettext_noop("a good option"),
    3: gettext_noop("among the best options"),
}

NOTICE = gettext_noop(
    "These suggestions are general information based on your answers. They are not a diagnosis or "
    "medical advice and do not replace an in-person assessment. Please consult a qualified "
    "professional — a board-certified dermatologist or plastic surgeon, or a provider they "
    "supervise — before choosing any treatment."
)
