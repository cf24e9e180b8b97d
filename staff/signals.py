from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from staff.middleware import start_staff_session


@receiver(user_logged_in)
def remember_login_time(sender, request, user, **kwargs):
    start_staff_session(request)
