from django.db.models.signals import post_save
from django.dispatch import receiver

from intake import consent
from intake.models import ConsentText


@receiver(post_save, sender=ConsentText, dispatch_uid="consent-text-published")
def consent_text_published(sender, **kwargs):
    consent.forget()
