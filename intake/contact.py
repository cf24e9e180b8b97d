"""A patient asks the clinic to contact them: the request is stored on their intake, the clinic's
staff are told (no health details, a link to the intake in the admin) and the patient gets a
confirmation when they gave an address."""

from django import forms
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy, ngettext_lazy

from clinic.mail import sender
from clinic.profile import current_clinic
from intake import consent
from intake.forms import no_control_characters
from intake.models import ContactRequest


class ContactRequestForm(forms.ModelForm):
    consent = forms.BooleanField(
        error_messages={"required": gettext_lazy("We can only contact you with your agreement.")},
    )

    class Meta:
        model = ContactRequest
        fields = ["phone", "email", "preferred_time", "message"]
        labels = {
            "phone": gettext_lazy("Phone number"),
            "email": gettext_lazy("Email address"),
            "preferred_time": gettext_lazy("When should we call?"),
            "message": gettext_lazy("Anything you would like us to know (optional)"),
        }
        help_texts = {
            "phone": gettext_lazy("Give a phone number, an email address, or both."),
            "message": ngettext_lazy(
                "At most %(count)d character. No need to repeat your health answers: the clinic "
                "sees them with your request.",
                "At most %(count)d characters. No need to repeat your health answers: the clinic "
                "sees them with your request.",
                "count",
            )
            % {"count": ContactRequest.MAX_MESSAGE_LENGTH},
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent.current(consent.CONTACT).text
        for name in ("phone", "email"):
            self.fields[name].validators.append(no_control_characters)
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields["email"].widget.attrs.update(autocomplete="email")

    def clean(self):
        data = super().clean()
        no_error = "phone" not in self.errors and "email" not in self.errors
        if no_error and not data.get("phone") and not data.get("email"):
            self.add_error(
                "phone", gettext("Give a phone number or an email address we can reach you at.")
            )
        return data

    def save_for(self, intake):
        request = self.save(commit=False)
        request.intake = intake
        request.consent = consent.current(consent.CONTACT)
        request.consent_given_at = timezone.now()
        request.save()
        return request


def send_emails(request_id):
    """The staff notification, in the site's language, and, with an address, the patient's
    confirmation, in the language they answered in."""
    request = ContactRequest.objects.select_related("intake").get(pk=request_id)
    clinic = current_clinic()
    context = {
        "clinic": clinic,
        "request": request,
        "admin_url": settings.SITE_URL
        + reverse("admin:intake_intake_change", args=[request.intake_id]),
        "privacy_url": settings.SITE_URL + reverse("clinic:privacy"),
    }
    messages = []
    staff = clinic.staff_email or settings.CLINIC_STAFF_EMAIL
    if staff:
        with translation.override(settings.LANGUAGE_CODE):
            messages.append(_message("staff_notice", context, [staff], clinic, html=False))
    if request.email:
        with translation.override(request.intake.language):
            messages.append(_message("confirmation", context, [request.email], clinic, html=True))
    for message in messages:
        message.send()
    return len(messages)


def _message(kind, context, to, clinic, html):
    prefix = f"intake/emails/contact_{kind}"
    subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject, render_to_string(f"{prefix}.txt", context), from_email=sender(clinic), to=to
    )
    if html:
        message.attach_alternative(render_to_string(f"{prefix}.html", context), "text/html")
    return message
