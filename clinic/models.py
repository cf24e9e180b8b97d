"""The clinic that deploys the app: one record, edited by an administrator in the admin."""

from babel import Locale, UnknownLocaleError
from babel.numbers import list_currencies
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from clinic.logo import validate_logo


def validate_currency(code):
    if code not in list_currencies():
        raise ValidationError(
            _("%(code)s is not an ISO 4217 currency code (e.g. EUR, USD, GBP).") % {"code": code}
        )


def validate_locale(code):
    try:
        Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        raise ValidationError(
            _("%(code)s is not a locale Babel knows (e.g. en_US, de_DE).") % {"code": code}
        ) from None


class Clinic(models.Model):
    name = models.CharField(max_length=150)
    logo = models.ImageField(
        upload_to="clinic/",
        blank=True,
        validators=[validate_logo],
        help_text=gettext_lazy(
            "PNG, JPEG, GIF or WebP, at most 2 MB; shown at most 48 pixels high."
        ),
    )
    address = models.TextField(gettext_lazy("postal address"), blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(gettext_lazy("email for patients"), blank=True)
    staff_email = models.EmailField(
        gettext_lazy("staff notification email"),
        blank=True,
        help_text=gettext_lazy("Where contact requests are announced. Patients never see it."),
    )
    website = models.URLField(blank=True)
    booking_url = models.URLField(
        gettext_lazy("booking address"),
        blank=True,
        help_text=gettext_lazy("Where patients book a consultation online."),
    )
    opening_hours = models.TextField(blank=True)
    currency = models.CharField(
        max_length=3,
        default="USD",
        validators=[validate_currency],
        help_text=gettext_lazy("ISO 4217, e.g. EUR."),
    )
    locale = models.CharField(
        max_length=20,
        default="en_US",
        validators=[validate_locale],
        help_text=gettext_lazy("How figures are written, e.g. en_US, en_GB, de_DE, es_ES."),
    )
    medical_director = models.CharField(
        gettext_lazy("medical director"), max_length=150, blank=True
    )
    medical_director_credentials = models.CharField(max_length=150, blank=True)
    data_protection_contact = models.TextField(
        blank=True,
        help_text=gettext_lazy("Who patients write to about their data (name and address)."),
    )
    is_example = models.BooleanField(
        default=False, help_text=gettext_lazy("Still the example details of a new installation.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = gettext_lazy("clinic profile")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1  # one clinic per deployment
        super().save(*args, **kwargs)
