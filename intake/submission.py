"""Turning a finished questionnaire into a stored intake."""

from django.db import transaction
from django.utils import timezone

from intake import consent
from intake.models import Intake
from treatments.catalog import load_catalog
from treatments.rules import recommend
from treatments.validation import parse_intake

ENGINE_FIELDS = ("fitzpatrick", "concerns", "max_downtime_days", "health")


def submit(answers: dict) -> Intake:
    """Store the answers with the recommendation computed from them, in one transaction.

    `answers` is what the steps' forms gave (`StepForm.answers()`), merged; consent was
    given on the last step, so it is recorded with the version of its text and the time.
    """
    engine_input = parse_intake({name: answers[name] for name in ENGINE_FIELDS})
    recommendation = recommend(engine_input, load_catalog())
    with transaction.atomic():
        return Intake.objects.create(
            **answers,
            recommendation=recommendation,
            consent_version=consent.VERSION,
            consent_given_at=timezone.now(),
        )
