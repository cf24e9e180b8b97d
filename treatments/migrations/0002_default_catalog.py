"""The default catalog of docs/clinical-basis.md v1.1 (sections 2-6).

Frozen here as the clinical basis stood when it was seeded; later clinical changes are new
migrations or edits in admin, never edits of this file.
"""

from django.db import migrations

FAMILIES = [
    ("chemical-peel", "Chemical peels", "An acid solution removes the outer layers of skin."),
    ("laser", "Laser resurfacing", "Laser light heats or removes thin layers of skin."),
    (
        "dermabrasion",
        "Dermabrasion and microdermabrasion",
        "The surface of the skin is buffed or sanded away.",
    ),
    ("microneedling", "Microneedling", "Tiny needles prompt the skin to make new collagen."),
]

# Section 2: slug, family, name, rank, label, ablative, downtime, sessions, cost per session.
TREATMENTS = [
    ("microdermabrasion", "dermabrasion", "Microdermabrasion", 1, "very superficial", False, (0, 1), (5, 10), (75, 300)),
    ("chemical-peel-superficial", "chemical-peel", "Light (superficial) chemical peel", 2, "superficial", True, (1, 7), (3, 6), (100, 300)),
    ("laser-non-ablative", "laser", "Non-ablative laser resurfacing", 3, "light", False, (0, 3), (3, 5), (1000, 2500)),
    ("microneedling", "microneedling", "Microneedling (collagen induction therapy)", 4, "light–moderate", False, (1, 3), (3, 6), (200, 700)),
    ("chemical-peel-medium", "chemical-peel", "Medium-depth chemical peel", 5, "moderate", True, (7, 14), (1, 2), (600, 1500)),
    ("laser-ablative-fractional", "laser", "Fractional ablative laser resurfacing", 6, "moderate–deep", True, (3, 7), (1, 3), (1500, 3000)),
    ("dermabrasion", "dermabrasion", "Dermabrasion", 7, "deep", True, (7, 14), (1, 2), (1200, 2500)),
    ("chemical-peel-deep", "chemical-peel", "Deep chemical peel", 8, "deep", True, (14, 21), (1, 1), (2000, 5000)),
    ("laser-ablative", "laser", "Fully ablative laser resurfacing", 9, "deepest", True, (10, 21), (1, 1), (2000, 5000)),
]  # fmt: skip

# Section 3, "What" and "Side effects", in plain words.
TEXTS = {
    "microdermabrasion": (
        "A hand-piece with fine crystals or a diamond tip, plus gentle suction, buffs off the dead "
        "outer layer of skin. No anaesthetic is needed.",
        "Short-lived redness, tightness and sensitivity; pinpoint bleeding or bruising from the "
        "suction (more likely on blood thinners); occasional dark marks; cold-sore flare near the lips.",
    ),
    "chemical-peel-superficial": (
        "A mild acid (glycolic, lactic or salicylic acid, or a low-strength peel) removes part or "
        "all of the outer layer of skin. Often done as a series.",
        "Redness, stinging, dryness and flaking for a few days; dark marks, especially in darker or "
        "sun-exposed skin; cold-sore flare; rarely irritation or allergy to the acid.",
    ),
    "laser-non-ablative": (
        "A laser heats the deeper skin under an intact surface to stimulate new collagen. Usually "
        "a series of sessions about four weeks apart.",
        "Redness and swelling for hours to days; temporary darkening in tanned or darker skin; "
        "cold-sore flare.",
    ),
    "microneedling": (
        "A sterile motorised pen or roller makes many tiny punctures (about 0.5–2 mm deep) that "
        "prompt the skin to repair itself and make new collagen.",
        "Redness, swelling, pinpoint bleeding and bruising; infection if instruments are not "
        "sterile; irritation or allergy to products applied during treatment; occasional dark "
        "marks or scarring.",
    ),
    "chemical-peel-medium": (
        "A stronger acid (typically TCA, often after a preparatory solution) reaches the upper "
        "layer of the dermis. Usually one or two peels, months apart.",
        "Red, swollen, crusting skin for one to two weeks; redness that can last weeks or months; "
        "darker or lighter patches; cold-sore flare; rarely scarring or infection.",
    ),
    "laser-ablative-fractional": (
        "A laser removes thousands of tiny columns of skin and leaves bridges of untouched skin "
        "between them, which speeds healing.",
        "Redness, swelling, oozing and crusting for several days; acne flare or tiny white bumps "
        "(milia); darker or lighter patches; cold-sore flare; uncommon scarring.",
    ),
    "dermabrasion": (
        "A surgeon or dermatologist sands the outer and upper deeper layers of skin with a "
        "rotating instrument, under local (sometimes general) anaesthetic.",
        "Swelling and redness; pinkness for months; tiny white bumps (milia); temporarily larger "
        "pores; darker, lighter or blotchy skin that can be permanent; infection including cold "
        "sores; rare scarring.",
    ),
    "chemical-peel-deep": (
        "A phenol-based peel reaches deep into the skin. It is done in a surgical setting with "
        "sedation or anaesthesia and heart monitoring, one section of the face at a time.",
        "Strong swelling and discomfort; redness for weeks to months; permanent lightening of the "
        "skin and loss of the ability to tan; heart-rhythm disturbance during the peel; infection; "
        "scarring.",
    ),
    "laser-ablative": (
        "A laser removes the whole outer layer and part of the deeper skin in one treatment.",
        "Raw, oozing, itchy skin for one to two weeks; redness for months; infection (most often "
        "cold sores); darker or lighter skin, possibly permanent; acne or milia; slight risk of "
        "scarring; rarely the lower eyelid turns outward.",
    ),
}

CONCERNS = [
    "texture_tone",
    "fine_lines_wrinkles",
    "acne_scars",
    "sun_damage_age_spots",
    "large_pores",
]

# Sections 3 and 4: efficacy 0-3 per concern, in the order of CONCERNS, with the reason.
EFFICACY = {
    "microdermabrasion": [
        (2, "A course of sessions smooths roughness and brightens dull skin, but gains are modest and fade without maintenance."),
        (1, "At best a slight softening of very fine surface lines."),
        (1, "Only very shallow scars change a little."),
        (1, "May lift superficial pigment slightly; the evidence for discolouration is weak."),
        (1, "Clears debris so pores look smaller for a while."),
    ],
    "chemical-peel-superficial": [
        (2, "A series of peels improves roughness and dullness."),
        (1, "Only the finest surface lines."),
        (1, "Marks and very superficial scars only; it also helps active acne."),
        (2, "Useful for age spots and blotchy tone, especially as a series."),
        (1, "Reduces oil and plugs, a modest effect on pores."),
    ],
    "laser-non-ablative": [
        (2, "A series improves texture and tone."),
        (2, "A series softens fine lines, though less than ablative options."),
        (2, "Good evidence in acne scars, including in darker skin, over several sessions."),
        (2, "Treats age spots, uneven colour and sun-damaged skin."),
        (2, "Several laser devices measurably reduce pore size."),
    ],
    "microneedling": [
        (2, "Collagen remodelling improves texture with little recovery time."),
        (2, "Authorised in the US to improve the look of facial wrinkles."),
        (3, "Consistent improvement of sunken acne scars across dozens of studies, without serious side effects."),
        (1, "Used as an add-on for pigment problems, not a first choice for sun spots."),
        (2, "Dermatologists list large pores among the features it improves."),
    ],
    "chemical-peel-medium": [
        (2, "Smoother, more even skin after one peel."),
        (2, "Moderate lines improve."),
        (2, "Shallow and rolling scars improve; deep scars need other methods."),
        (3, "A standard choice for sun damage, rough sun spots and age spots."),
        (1, "Little direct effect on pores."),
    ],
    "laser-ablative-fractional": [
        (3, "Strong texture improvement over a short series."),
        (2, "Good for lines, but each session does less than a fully ablative treatment."),
        (3, "A leading option for sunken acne scars."),
        (2, "Improves pigment and sun damage."),
        (2, "Low-energy treatments reduced enlarged pores in a study."),
    ],
    "dermabrasion": [
        (2, "Resurfaces uneven skin."),
        (2, "Fine lines, especially around the mouth."),
        (3, "Acne scarring is its classic use."),
        (2, "Treats sun-damaged skin and age spots."),
        (0, "Not a pore treatment; it can make pores look larger for a while."),
    ],
    "chemical-peel-deep": [
        (2, "Dramatic resurfacing, but far more than texture alone needs."),
        (3, "The reference treatment for deep wrinkles and lines around the mouth."),
        (2, "Can improve deeper scarring, though lasers have largely taken over."),
        (3, "Treats severe sun damage and precancerous growths."),
        (1, "Not a primary use."),
    ],
    "laser-ablative": [
        (3, "The most complete resurfacing."),
        (3, "The biggest single-session improvement in wrinkles."),
        (2, "Effective, but fractional lasers are now preferred for scars because of the risks."),
        (3, "Removes sun-damaged skin, age spots and rough sun spots."),
        (1, "Not a primary use."),
    ],
}  # fmt: skip

FITZPATRICK_CAUTION = (
    "Your skin type has a higher chance of dark or light patches after this treatment. An "
    "experienced provider can adjust the treatment and may suggest a test spot and skin "
    "preparation first."
)

# Section 5: suitability for types I-VI (S, C, A) and the patient-facing reason for "avoid".
SKIN_TYPES = {
    "microdermabrasion": ("SSSSSS", ""),
    "chemical-peel-superficial": ("SSSSCC", ""),
    "laser-non-ablative": ("SSSCCC", ""),
    "microneedling": ("SSSSSS", ""),
    "chemical-peel-medium": ("SSSCAA", "a high risk of lasting dark or light patches and scarring."),
    "laser-ablative-fractional": ("SSSCAA", "a high risk of dark patches and of light patches that appear months later."),
    "dermabrasion": ("SSCAAA", "a high risk of permanent colour changes and scarring."),
    "chemical-peel-deep": ("SSCAAA", "a high risk of permanent lightening of the skin and scarring."),
    "laser-ablative": ("SSCAAA", "a high risk of permanent lightening or darkening of the skin and scarring."),
}  # fmt: skip

# Section 6: the rule of each flag for SP MP DP NAL AFL AL MDA DA MN (E, C or -).
COLUMNS = [
    "chemical-peel-superficial", "chemical-peel-medium", "chemical-peel-deep",
    "laser-non-ablative", "laser-ablative-fractional", "laser-ablative",
    "microdermabrasion", "dermabrasion", "microneedling",
]  # fmt: skip
HEALTH_RULES = {
    "pregnant_or_breastfeeding": "EEEEEEEEE",
    "isotretinoin_recent": "CEECEECEC",
    "keloid_or_hypertrophic_scarring": "CEECEECEE",
    "active_skin_infection": "EEEEEEEEE",
    "cold_sore_history": "CCCCCCCCC",
    "photosensitizing_medication": "CCCCCCCCC",
    "recent_sun_exposure_or_tan": "CEEEEECEC",
    "immunosuppressed": "CEECEECEC",
    "blood_thinners_or_bleeding_disorder": "----CCCEE",
    "active_inflammatory_acne": "-EECEECEE",
    "melasma_or_pih_history": "CEECEECEC",
    "vitiligo_or_psoriasis": "EEECEECEC",
    "recent_facial_radiation": "EEEEEEEEE",
    "heart_liver_or_kidney_disease": "--E------",
}

BLOOD_THINNERS = (
    "Do not stop any blood thinner on your own — your prescriber and provider must plan this "
    "together."
)
# Section 6.1: patient-facing wording, (for EXCLUDE, for CAUTION).
WORDING = {
    "pregnant_or_breastfeeding": (
        "Most cosmetic resurfacing is postponed until after pregnancy and breastfeeding. Your "
        "doctor or dermatologist can tell you if any gentle option is safe for you now.",
        None,
    ),
    "isotretinoin_recent": (
        "Recent isotretinoin: this deeper treatment is postponed until at least 12 months after "
        "the last dose, because the skin may heal poorly.",
        "Recent isotretinoin: your provider will check timing; newer guidance allows some light "
        "treatments.",
    ),
    "keloid_or_hypertrophic_scarring": (
        "Scar-prone skin: this treatment injures the skin enough to risk new raised scars.",
        "Scar-prone skin: discuss a small test area first.",
    ),
    "active_skin_infection": (
        "Please wait until the infection or cold sore has fully healed, then check again.",
        None,
    ),
    "cold_sore_history": (
        None,
        "Cold sores: ask your provider about antiviral tablets before treatment.",
    ),
    "photosensitizing_medication": (
        None,
        "Sun-sensitising medicine: bring a list of your medicines; some may need to be paused "
        "before treatment.",
    ),
    "recent_sun_exposure_or_tan": (
        "Recent sun or tan: not now. Tanned skin reacts badly to this treatment; check again once "
        "the tan has faded (often after 4–6 weeks of sun avoidance).",
        "Recent sun or tan: let any tan fade and avoid the sun before treatment to lower the risk "
        "of dark patches.",
    ),
    "immunosuppressed": (
        "Weakened immunity or slow healing: the deep wound this treatment makes may heal poorly "
        "or become infected.",
        "Weakened immunity or slow healing: your provider needs to know, as healing may be slower.",
    ),
    "blood_thinners_or_bleeding_disorder": (
        f"Blood thinners or a bleeding disorder: this treatment makes the skin bleed. {BLOOD_THINNERS}",
        f"Blood thinners or a bleeding disorder: bruising or bleeding is more likely. {BLOOD_THINNERS}",
    ),
    "active_inflammatory_acne": (
        "Active inflamed acne: this treatment is postponed until the acne has settled.",
        "Active inflamed acne: treatment may need to wait or avoid the inflamed areas.",
    ),
    "melasma_or_pih_history": (
        "Melasma or lingering dark marks: heat or a deeper wound can make dark patches worse or "
        "leave light patches.",
        "Melasma or lingering dark marks: gentle settings and skin preparation lower the risk of "
        "new dark patches.",
    ),
    "vitiligo_or_psoriasis": (
        "Vitiligo or psoriasis: new patches can appear where this treatment injures the skin.",
        "Vitiligo or psoriasis: your dermatologist should first check that the condition is quiet.",
    ),
    "recent_facial_radiation": (
        "Please talk to your radiotherapy team or dermatologist before any skin treatment.",
        None,
    ),
    "heart_liver_or_kidney_disease": (
        "Heart, liver or kidney disease: the phenol in a deep peel can upset the heart rhythm and "
        "is cleared by the liver and kidneys.",
        None,
    ),
}  # fmt: skip

SUITABILITY = {"S": "suitable", "C": "caution", "A": "avoid"}
ACTIONS = {"E": ("exclude", 0), "C": ("caution", 1)}


def load_default_catalog(apps, schema_editor):
    ProcedureFamily = apps.get_model("treatments", "ProcedureFamily")
    Treatment = apps.get_model("treatments", "Treatment")
    ConcernEfficacy = apps.get_model("treatments", "ConcernEfficacy")
    SkinTypeSuitability = apps.get_model("treatments", "SkinTypeSuitability")
    HealthRule = apps.get_model("treatments", "HealthRule")

    families = {
        slug: ProcedureFamily.objects.create(slug=slug, name=name, description=description)
        for slug, name, description in FAMILIES
    }
    treatments = {}
    for slug, family, name, rank, label, ablative, downtime, sessions, cost in TREATMENTS:
        description, side_effects = TEXTS[slug]
        treatments[slug] = Treatment.objects.create(
            family=families[family],
            slug=slug,
            name=name,
            intensity_rank=rank,
            intensity_label=label,
            ablative=ablative,
            downtime_min_days=downtime[0],
            downtime_max_days=downtime[1],
            sessions_min=sessions[0],
            sessions_max=sessions[1],
            cost_min_usd=cost[0],
            cost_max_usd=cost[1],
            description=description,
            side_effects=side_effects,
        )
    ConcernEfficacy.objects.bulk_create(
        ConcernEfficacy(treatment=treatments[slug], concern=concern, score=score, rationale=why)
        for slug, rows in EFFICACY.items()
        for concern, (score, why) in zip(CONCERNS, rows, strict=True)
    )
    SkinTypeSuitability.objects.bulk_create(
        SkinTypeSuitability(
            treatment=treatments[slug],
            fitzpatrick=skin_type,
            suitability=SUITABILITY[letter],
            reason={"S": "", "C": FITZPATRICK_CAUTION, "A": f"this treatment carries {avoid}"}[
                letter
            ],
        )
        for slug, (letters, avoid) in SKIN_TYPES.items()
        for skin_type, letter in enumerate(letters, start=1)
    )
    HealthRule.objects.bulk_create(
        HealthRule(
            treatment=treatments[slug],
            flag=flag,
            action=ACTIONS[letter][0],
            reason=WORDING[flag][ACTIONS[letter][1]],
        )
        for flag, letters in HEALTH_RULES.items()
        for slug, letter in zip(COLUMNS, letters, strict=True)
        if letter != "-"
    )


def remove_default_catalog(apps, schema_editor):
    apps.get_model("treatments", "Treatment").objects.filter(
        slug__in=[row[0] for row in TREATMENTS]
    ).delete()
    apps.get_model("treatments", "ProcedureFamily").objects.filter(
        slug__in=[row[0] for row in FAMILIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("treatments", "0001_initial")]

    operations = [migrations.RunPython(load_default_catalog, remove_default_catalog)]
