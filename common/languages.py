"""The patient's language, as a value safe to key kept copies by."""

from django.conf import settings
from django.utils import translation


def current_language():
    """The active language as one of the LANGUAGES codes ("es" for "es-mx"); the default
    language when none is active or the active one is not offered."""
    try:
        return translation.get_supported_language_variant(
            translation.get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:
        return settings.LANGUAGE_CODE
