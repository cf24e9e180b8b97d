from django import template

from clinic.money import format_range
from clinic.profile import current_clinic

register = template.Library()


@register.simple_tag
def clinic_profile():
    """{% clinic_profile as clinic %}: works without a request (error pages, e-mails)."""
    return current_clinic()


@register.simple_tag
def fees(low, high, currency=None):
    """A fee range written for the clinic's locale, in `currency` when given (the currency a
    stored recommendation was shown in), else in the clinic's currency."""
    clinic = current_clinic()
    return format_range(low, high, currency or clinic.currency, clinic.locale)
