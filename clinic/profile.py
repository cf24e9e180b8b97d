"""The clinic's profile as every page shows it: read from the database at most once a second per
process, at once by the process that saved it."""

import math
import time

from django.conf import settings
from django.db import DatabaseError

from clinic.models import Clinic

CHECK_SECONDS = 1.0
_kept = (-math.inf, None)  # (when it was read, the profile)


def example_clinic():
    """The details a new installation starts with, from the CLINIC_* settings when set."""
    named = bool(settings.CLINIC_NAME)
    return Clinic(
        pk=1,
        name=settings.CLINIC_NAME or "Example Clinic",
        address=settings.CLINIC_ADDRESS
        or ("" if named else "1 Example Street, Example Town (an example address)"),
        phone=settings.CLINIC_PHONE,
        email=settings.CLINIC_EMAIL,
        booking_url=settings.CLINIC_BOOKING_URL,
        currency=settings.CLINIC_CURRENCY,
        locale=settings.CLINIC_LOCALE,
        is_example=not named,
    )


def current_clinic():
    global _kept
    read_at, clinic = _kept
    now = time.monotonic()
    if clinic is not None and now - read_at < CHECK_SECONDS:
        return clinic
    try:
        clinic = Clinic.objects.filter(pk=1).first() or example_clinic()
    except DatabaseError:
        # An outage page still names the clinic: the last profile read, else the example.
        return clinic or example_clinic()
    _kept = (now, clinic)
    return clinic


def forget():
    global _kept
    _kept = (-math.inf, None)
