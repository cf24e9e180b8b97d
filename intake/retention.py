"""Retention: intakes are anonymised once kept long enough (GDPR storage limitation)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from intake import workflow
from intake.models import Intake
from staff.models import AuditEvent, record


def expired_intakes(now=None):
    now = now or timezone.now()
    old = now - timedelta(days=settings.INTAKE_RETENTION_DAYS)
    closed_old = now - timedelta(days=settings.CLOSED_INTAKE_RETENTION_DAYS)
    return Intake.objects.filter(erased_at=None).filter(
        Q(submitted_at__lt=old) | Q(status=workflow.CLOSED, closed_at__lt=closed_old)
    )


def anonymise_expired(now=None):
    """Erase every expired intake; returns how many."""
    count = 0
    for intake in expired_intakes(now).iterator(chunk_size=200):
        intake.erase()
        record(AuditEvent.ANONYMISE, intake=intake, detail="retention period ended")
        count += 1
    return count
