"""Signing in as staff, the roles' permission matrix, and admin form data.

Staff accounts and intakes are built by tests/factories.py.
"""

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import CONTENT_EDITOR, NON_STAFF, REVIEWER, SUPERUSER, make_staff_user

ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, NON_STAFF, CONTENT_EDITOR, REVIEWER, SUPERUSER]

PASSWORD = "a long staff passphrase"
LOGIN_URL = "/admin/login/"


def signed_in(client, role):
    """The client signed in as a new account in `role` (left anonymous for ANONYMOUS)."""
    if role != ANONYMOUS:
        client.force_login(make_staff_user(role))
    return client


def form_values(form):
    """What a browser posts for a rendered form: its current values, unchecked boxes left out."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if value is True:
            data[bound.html_name] = "on"
        elif isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = str(value)
    return data


def admin_form_data(response, **changes):
    """The admin change form as rendered, as POST data (every inline too), with `changes`."""
    data = form_values(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(form_values(formset.management_form))
        for form in formset.forms:
            data.update(form_values(form))
    data.update(changes)
    return data


def sign_in(client, username, password, **otp):
    """Post the admin's sign-in form, as a browser does (client.login() bypasses django-axes)."""
    return client.post(
        LOGIN_URL, {"username": username, "password": password, "next": "/admin/", **otp}
    )


def authenticator(user, confirmed=True):
    """A TOTP device (an authenticator app) of the account."""
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=confirmed)


def code(device, offset=0):
    """The code the authenticator app shows now (or `offset` time steps away)."""
    return str(
        totp(
            device.bin_key,
            step=device.step,
            t0=device.t0,
            digits=device.digits,
            drift=device.drift + offset,
        )
    ).zfill(device.digits)


def wrong_code(device):
    # Far outside the accepted drift window, so never valid now.
    return code(device, offset=-100)


def change_url(intake):
    return reverse("admin:intake_intake_change", args=[intake.pk])
