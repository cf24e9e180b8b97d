from django import template

from clinic.money import format_range
from clinic.profile import current_clinic

register = template.Library()


@register.simple_tag
def clinic_profile():
    """{% clinic_profile as clinic %}: works without a request (error pages, e-mails)."""
    return current_clinic()


@register.simple_tag
def fees(low, high):
    """A fee range in the clinic's currency, written for its locale."""
    clinic = current_clinic()
    return format_range(low, high, clinic.currency, clinic.locale)
