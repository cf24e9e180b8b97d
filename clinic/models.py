"""The clinic that deploys the app: one record, edited by an administrator in the admin."""

from babel import Locale, UnknownLocaleError
from babel.numbers import list_currencies
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from clinic.logo import validate_logo


def validate_currency(code):
    if code not in list_currencies():
        raise ValidationError(f"{code} is not an ISO 4217 currency code (e.g. EUR, USD, GBP).")


def validate_locale(code):
    try:
        Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        raise ValidationError(f"{code} is not a locale Babel knows (e.g. en_US, de_DE).") from None


class Clinic(models.Model):
    name = models.CharField(max_length=150)
    logo = models.ImageField(
        upload_to="clinic/",
        blank=True,
        validators=[validate_logo],
        help_text="PNG, JPEG, GIF or WebP, at most 2 MB; shown at most 48 pixels high.",
    )
    address = models.TextField("postal address", blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField("email for patients", blank=True)
    staff_email = models.EmailField(
        "staff notification email",
        blank=True,
        help_text="Where contact requests are announced. Patients never see it.",
    )
    website = models.URLField(blank=True)
    booking_url = models.URLField(
        "booking address", blank=True, help_text="Where patients book a consultation online."
    )
    opening_hours = models.TextField(blank=True)
    currency = models.CharField(
        max_length=3, default="USD", validators=[validate_currency], help_text="ISO 4217, e.g. EUR."
    )
    locale = models.CharField(
        max_length=20,
        default="en_US",
        validators=[validate_locale],
        help_text="How figures are written, e.g. en_US, en_GB, de_DE, es_ES.",
    )
    medical_director = models.CharField("medical director", max_length=150, blank=True)
    medical_director_credentials = models.CharField(max_length=150, blank=True)
    data_protection_contact = models.TextField(
        blank=True, help_text="Who patients write to about their data (name and address)."
    )
    is_example = models.BooleanField(
        default=False, help_text="Still the example details of a new installation."
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "clinic profile"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1  # one clinic per deployment
        super().save(*args, **kwargs)
