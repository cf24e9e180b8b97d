"""Building a follow-up e-mail from its three templates (subject, text, HTML).

E-mail is not a secure channel: the context holds the greeting name and links only, never the
answers, the skin type or the treatments; the patient reads those on the results page.
"""

import re
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from clinic.mail import sender
from clinic.profile import current_clinic

UNSUBSCRIBE_SALT = "followups.unsubscribe"


# A first name as people write theirs: letters, with spaces, hyphens or apostrophes between them.
# Anything else a patient typed (a sentence, a link) is never put in an e-mail that may reach
# someone else's inbox: the greeting is then a plain "Hello".
FIRST_NAME = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*")
MAX_GREETING_LENGTH = 40


def greeting_name(name):
    name = name.strip()
    if len(name) <= MAX_GREETING_LENGTH and FIRST_NAME.fullmatch(name):
        return name
    return ""


def unsubscribe_token(intake):
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(intake.pk))


def intake_id_from_token(token):
    """The intake id an unsubscribe token was made for; BadSignature when it was tampered with."""
    value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    if not value.isdigit():
        raise signing.BadSignature("not an intake id")
    return int(value)


def unsubscribe_url(intake):
    return settings.SITE_URL + reverse("followups:unsubscribe", args=[unsubscribe_token(intake)])


def result_url(intake):
    return settings.SITE_URL + reverse("intake:result", args=[intake.token])


def mail_domain():
    """The domain of the sender's address, else of the site: for Message-IDs."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    if "@" in address:
        return address.rsplit("@", 1)[1]
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def message_id(followup):
    """The same for every attempt at one follow-up, so a receiver can drop a duplicate.

    The creation time keeps it unique when ids start again (a new database).
    """
    return f"<followup-{followup.pk}.{int(followup.created_at.timestamp())}@{mail_domain()}>"


def build_message(followup):
    intake = followup.intake
    unsubscribe = unsubscribe_url(intake)
    clinic = current_clinic()
    context = {
        "clinic": clinic,
        "privacy_url": settings.SITE_URL + reverse("clinic:privacy"),
        "name": greeting_name(intake.name),
        "result_url": result_url(intake),
        "unsubscribe_url": unsubscribe,
        "site_url": settings.SITE_URL,
    }
    prefix = f"followups/emails/{followup.kind}"
    subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{prefix}.txt", context),
        from_email=sender(clinic),
        to=[intake.email],
        headers={
            "Message-ID": message_id(followup),
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string(f"{prefix}.html", context), "text/html")
    return message
