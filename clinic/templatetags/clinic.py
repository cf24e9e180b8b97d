from django import template

from clinic.money import format_range, locale_in
from clinic.profile import current_clinic
from common.languages import current_language

register = template.Library()


@register.simple_tag
def clinic_profile():
    """{% clinic_profile as clinic %}: works without a request (error pages, e-mails)."""
    return current_clinic()


@register.simple_tag
def fees(low, high, currency=None):
    """A fee range written for the clinic's locale in the page's language, in `currency` when
    given (the currency a stored recommendation was shown in), else in the clinic's currency."""
    clinic = current_clinic()
    locale = locale_in(current_language(), clinic.locale)
    return format_range(low, high, currency or clinic.currency, locale)
