"""Turning a finished questionnaire into a stored intake."""

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from clinic.profile import current_clinic
from common.languages import current_language
from followups import outbox
from intake import consent
from intake.models import Intake
from treatments.catalog import current_catalog
from treatments.rules import health_flags_with_effect, recommend
from treatments.validation import parse_intake

ENGINE_FIELDS = ("fitzpatrick", "concerns", "max_downtime_days", "health")


def recommendation_for(answers):
    """(engine input, catalog, the recommendation the patient sees, with its currency), in the
    active language."""
    engine_input = parse_intake({name: answers[name] for name in ENGINE_FIELDS})
    catalog = current_catalog()
    # The currency its fees were shown in is kept with them: a later change of the clinic's
    # currency never changes what an intake showed.
    recommendation = {
        **recommend(engine_input, catalog, translation),
        "currency": current_clinic().currency,
    }
    return engine_input, catalog, recommendation


def unsaved(answers: dict) -> Intake:
    """The results for these answers, in an intake that is never saved: nothing is stored."""
    return Intake(
        **answers,
        language=current_language(),
        recommendation=recommendation_for(answers)[2],
        consent_health=consent.current(consent.HEALTH),
    )


def submit(answers: dict, submission_key: str | None = None) -> Intake:
    """Store the answers with the recommendation computed from them, in one transaction.

    `answers` is what the steps' forms gave (`StepForm.answers()`), merged; consent was
    given on the last step, so it is recorded with the version of its text and the time.
    A `submission_key` already stored returns that intake: nothing is stored or sent twice.
    """
    engine_input, catalog, recommendation = recommendation_for(answers)
    try:
        return _store(answers, submission_key, engine_input, catalog, recommendation)
    except IntegrityError:
        stored = submission_key and Intake.objects.filter(submission_key=submission_key).first()
        if not stored:
            raise
        return stored


def _store(answers, submission_key, engine_input, catalog, recommendation):
    with transaction.atomic():
        intake = Intake.objects.create(
            **answers,
            submission_key=submission_key,
            language=current_language(),
            recommendation=recommendation,
            flagged=bool(health_flags_with_effect(engine_input, catalog)),
            candidate_count=len(recommendation["candidates"]),
            consent_storage=consent.current(consent.STORAGE),
            consent_health=consent.current(consent.HEALTH),
            consent_given_at=timezone.now(),
        )
        # The follow-up e-mails are stored with the intake or not at all.
        outbox.schedule(intake)
    return intake
