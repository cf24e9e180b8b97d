"""The worked example of docs/clinical-basis.md, section 8, written once for every test that
checks it: a type IV patient with acne scars and large pores, who accepts up to a week of
recovery and gets cold sores."""

INTAKE = {
    "fitzpatrick": 4,
    "concerns": ["acne_scars", "large_pores"],
    "max_downtime_days": 7,
    "health": {"cold_sore_history": True},
}

# The candidates best first: (slug, score, number of cautions).
CANDIDATES = [
    ("microneedling", 5, 1),
    ("laser-ablative-fractional", 5, 2),
    ("laser-non-ablative", 4, 2),
    ("chemical-peel-medium", 3, 3),
    ("microdermabrasion", 2, 1),
    ("chemical-peel-superficial", 2, 1),
]
# The excluded treatments lightest first: (slug, number of reasons).
EXCLUDED = [
    ("dermabrasion", 1),
    ("chemical-peel-deep", 2),
    ("laser-ablative", 2),
]
CANDIDATE_SLUGS = [slug for slug, _, _ in CANDIDATES]
EXCLUDED_SLUGS = [slug for slug, _ in EXCLUDED]
