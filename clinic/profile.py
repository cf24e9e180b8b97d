"""The clinic's profile as every page shows it (common/fresh.py: read at most once a second)."""

from django.conf import settings

from clinic.models import Clinic
from common.fresh import Fresh


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


_profile = Fresh(lambda: Clinic.objects.filter(pk=1).first() or example_clinic(), example_clinic)
current_clinic = _profile.get
forget = _profile.forget
