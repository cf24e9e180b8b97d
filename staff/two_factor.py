"""Self-service two-factor set-up for staff: scan a QR code, confirm with a code, done.

A signed-in staff member gets an unconfirmed TOTP device; it counts (and is then asked for at
every sign-in) once a code from the authenticator app has confirmed it. Replacing a lost
authenticator is an administrator's job (Django OTP → TOTP devices), so a confirmed device
cannot be swapped here by someone who merely holds a signed-in session.
"""

from base64 import b32encode

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext, gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

DEVICE_NAME = "Authenticator app"


class ConfirmForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code shown by the app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _unconfirmed_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def setup(request, admin_site):
    user = request.user
    context = {**admin_site.each_context(request), "title": gettext("Two-factor sign-in")}
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return TemplateResponse(request, "staff/two_factor.html", {**context, "is_on": True})

    device = _unconfirmed_device(user)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Wrong codes slow further tries down (django-otp's throttling), against guessing.
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            form.add_error(
                "token", gettext("Too many wrong codes in a row: wait a moment, then try again.")
            )
        elif device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)  # this session counts as signed in with the code
            messages.success(
                request,
                gettext("Two-factor sign-in is on: you will be asked for a code at each sign-in."),
            )
            return redirect("admin:index")
        else:
            form.add_error(
                "token", gettext("That code is not right. Check the app's clock and try again.")
            )
    secret = b32encode(device.bin_key).decode()
    return TemplateResponse(
        request,
        "staff/two_factor.html",
        {
            **context,
            "is_on": False,
            "form": form,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        },
    )


def qrcode(request):
    """The QR code of the signed-in staff member's device being set up (SVG)."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("id").first()
    if device is None:
        raise Http404("No authenticator is being set up.")
    response = HttpResponse(content_type="image/svg+xml")
    write_qrcode_image(device.config_url, response)
    return response
