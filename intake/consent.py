"""The consents a patient gives (GDPR Art. 7 and 9(2)(a)): to storing their answers, to
processing their health answers (asked before the health questions) and to being contacted.
Each text in force is the latest published version of its kind (intake.models.ConsentText),
read at most once a second per process."""

from django.utils.translation import gettext_noop

from common.fresh import Fresh
from intake.models import ConsentText

STORAGE, HEALTH, CONTACT = ConsentText.STORAGE, ConsentText.HEALTH, ConsentText.CONTACT

# The first versions, published by migration 0006. Later ones are published in the admin, with
# a text in each language (intake.translation). Marked so that `makemessages` offers them to
# translators; they stay English here: a consent is exactly the text of its version.
FIRST_TEXTS = {
    STORAGE: (
        "2026-11-25",
        gettext_noop(
            "I agree that my answers, including my health answers, are stored so that I can see "
            "my results, and so that the clinic's staff can review them and contact me if I ask "
            "them to. I can download or delete them at any time from my results page."
        ),
    ),
    HEALTH: (
        "2026-12-01",
        gettext_noop(
            "I agree that my answers to the health questions below are used to work out which "
            "treatments may suit me and which are unsafe for me. They are health data: without "
            "my agreement they are not processed."
        ),
    ),
    CONTACT: (
        "2026-12-01",
        gettext_noop(
            "I agree that the clinic contacts me by the phone number or email address above "
            "about my request, and stores them with my answers for that purpose."
        ),
    ),
}


def _read():
    texts = {}
    for text in ConsentText.objects.order_by("kind", "-published_at", "-id"):
        texts.setdefault(text.kind, text)
    return texts


def _first_texts():
    return {kind: ConsentText(kind=kind, version=v, text=t) for kind, (v, t) in FIRST_TEXTS.items()}


_in_force = Fresh(_read, _first_texts)
forget = _in_force.forget


def current(kind):
    """The version of `kind` in force now."""
    return _in_force.get()[kind]


def versions():
    """Which versions are in force: part of the key of a kept page that shows them."""
    return tuple(sorted((kind, text.pk) for kind, text in _in_force.get().items()))
