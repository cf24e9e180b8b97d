"""Automatic logoff for staff (HIPAA §164.312(a)(2)(iii)): idle and absolute session limits."""

import time

from django.conf import settings
from django.contrib.auth import logout

STAFF_PATH = "/admin/"  # where resurfacing/urls.py serves the admin
LOGIN_AT = "staff_login_at"
SEEN_AT = "staff_seen_at"


def start_staff_session(request):
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now
    # The cookie lives no longer than the session may: nothing outlasts the absolute limit.
    request.session.set_expiry(settings.STAFF_SESSION_MAX_AGE)


class StaffSessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Staff work in the admin; elsewhere (a patient's page) nothing needs the session, so it
        # is not even loaded.
        if not request.path_info.startswith(STAFF_PATH):
            return self.get_response(request)
        user = request.user
        if user.is_authenticated and user.is_staff:
            now = int(time.time())
            login_at = request.session.get(LOGIN_AT, now)
            seen_at = request.session.get(SEEN_AT, now)
            if (
                now - seen_at > settings.STAFF_IDLE_TIMEOUT
                or now - login_at > settings.STAFF_SESSION_MAX_AGE
            ):
                logout(request)
            else:
                request.session.setdefault(LOGIN_AT, login_at)
                request.session[SEEN_AT] = now
        return self.get_response(request)
