"""Answers for each questionnaire step, and helpers that walk the steps like a patient would.

URLs are written out on purpose: they are part of the specification (no PII, stable links).
"""

import csv
import io

from django.urls import reverse

from intake import phototype, steps
from tests import worked_example
from tests.intake.markup import parse
from treatments.vocabulary import HEALTH_FLAGS

HOME_URL = "/"
START_URL = "/intake/"
REVIEW_URL = "/intake/review/"
STEP_SLUGS = [step.slug for step in steps.STEPS]


def step_url(slug):
    return f"/intake/step/{slug}/"


def result_url(intake_or_token):
    token = getattr(intake_or_token, "token", intake_or_token)
    return f"/intake/results/{token}/"


def another_token(token):
    """The same token with its first character changed: an address that is almost right."""
    return ("y" if token[0] == "x" else "x") + token[1:]


def questionnaire_scores(total):
    """Scores (0-4) for the ten phototype questions that add up to `total`."""
    scores = {}
    remaining = total
    for name in phototype.QUESTIONS:
        scores[name] = min(4, remaining)
        remaining -= scores[name]
    assert remaining == 0, f"no answers add up to {total}"
    return scores


def questionnaire_answers(total):
    """The skin-type step answered through the questionnaire, scoring `total`."""
    return {
        "method": "questionnaire",
        **{name: str(score) for name, score in questionnaire_scores(total).items()},
    }


def stated_answers(fitzpatrick):
    """The skin-type step answered with the type a professional gave."""
    return {"method": "stated", "stated_type": str(fitzpatrick)}


def health_answers(*yes):
    """Every health question answered: "yes" to the flags given, "no" to all the others."""
    unknown = set(yes) - set(HEALTH_FLAGS)
    assert not unknown, f"unknown health flags {unknown}"
    return {
        "health_consent": "on",
        **{flag: "yes" if flag in yes else "no" for flag in HEALTH_FLAGS},
    }


# The worked example of docs/clinical-basis.md (section 8), as a patient answers the steps.
WORKED_EXAMPLE = {
    "concerns": {"concerns": ["acne_scars", "large_pores"]},
    "skin-type": stated_answers(4),
    "recovery": {"recovery": "up_to_1_week"},
    "health": health_answers("cold_sore_history"),
    "contact": {
        "adult_confirmed": "on",
        "consent": "on",
        "name": "Ann",
        "email": "ann@example.com",
        "followup_opt_in": "on",
    },
}
WORKED_EXAMPLE_CANDIDATES = worked_example.CANDIDATE_SLUGS
WORKED_EXAMPLE_EXCLUDED = worked_example.EXCLUDED_SLUGS

# Contact answers without follow-up emails: nothing is scheduled or queued on submission.
NO_FOLLOW_UP = {"contact": {"adult_confirmed": "on", "consent": "on"}}
# Answers that leave a single candidate: no downtime at all and a recent tan.
ONE_CANDIDATE = {
    "recovery": {"recovery": "none"},
    "health": health_answers("recent_sun_exposure_or_tan"),
}
# Pregnancy rules out every treatment (docs/clinical-basis.md, section 6).
NO_CANDIDATE = {"health": health_answers("pregnant_or_breastfeeding")}


def answers(changes=None, **step_changes):
    """The worked example with some steps' answers replaced.

    `changes` maps step slugs to answers; keyword arguments do the same with "_" for "-".
    """
    merged = {slug: dict(data) for slug, data in WORKED_EXAMPLE.items()}
    merged.update(changes or {})
    merged.update({slug.replace("_", "-"): data for slug, data in step_changes.items()})
    return merged


def error_summary_text(response):
    summary = parse(response).by_id("error-summary")
    return summary.text if summary else "(no error summary)"


def answer_steps(client, all_answers=None, through="contact"):
    """Post valid answers with Next for every step up to and including `through`."""
    all_answers = all_answers or WORKED_EXAMPLE
    response = None
    for slug in STEP_SLUGS[: STEP_SLUGS.index(through) + 1]:
        response = client.post(step_url(slug), {**all_answers[slug], "next": ""})
        assert response.status_code == 302, (
            f"step {slug} was not accepted: {error_summary_text(response)}"
        )
    return response


def submit_questionnaire(client, all_answers=None):
    """Answer every step, then confirm on the review page; returns the review POST response."""
    answer_steps(client, all_answers)
    return client.post(REVIEW_URL)


def shown_answers(response, names):
    """The answers a step page shows for the fields `names`, in the shape they are posted."""
    page = parse(response)
    shown = {}
    for name in names:
        select = page.find("select", name=name)
        inputs = page.find_all("input", name=name)
        assert select or inputs, f"no field {name} on the page"
        if select:
            shown[name] = "".join(page.selected(name))
        elif inputs[0].get("type") in ("radio", "checkbox"):
            checked = page.checked(name)
            many = inputs[0].get("type") == "checkbox" and len(inputs) > 1
            shown[name] = checked if many else "".join(checked)
        else:
            shown[name] = page.value(name)
    return shown


def assert_shows_answers(response, expected):
    """The step page has every posted answer ticked, chosen or filled in again."""
    assert response.status_code == 200
    assert shown_answers(response, expected) == expected


def read_csv(response):
    """The rows of a staff CSV export."""
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def export_selected(client, *intakes):
    """Export these intakes from the staff list, as the admin action does."""
    return client.post(
        reverse("admin:intake_intake_changelist"),
        {"action": "export_selected", "_selected_action": [str(i.pk) for i in intakes]},
    )
