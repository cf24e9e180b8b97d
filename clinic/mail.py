from email.utils import formataddr, parseaddr

from django.conf import settings


def sender(clinic):
    """DEFAULT_FROM_EMAIL's address under the clinic's name: patients see who writes."""
    return formataddr((clinic.name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))
