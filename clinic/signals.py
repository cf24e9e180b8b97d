from django.db.models.signals import post_save
from django.dispatch import receiver

from clinic import profile
from clinic.models import Clinic


@receiver(post_save, sender=Clinic, dispatch_uid="clinic-saved")
def profile_saved(sender, **kwargs):
    profile.forget()
