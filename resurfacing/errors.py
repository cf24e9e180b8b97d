"""The pages for requests that fail: in the site's design, with nothing about the cause.

A database that cannot be reached (a restart, a failover) is an outage, not a bug: it answers
503 with Retry-After, so patients know to try again and load balancers and clients back off.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 30


def server_error(request):
    """handler500: Django calls it while handling the exception, which sys.exc_info() holds."""
    unavailable = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    status = 503 if unavailable else 500
    if request.path.startswith("/api/"):
        if unavailable:
            message = _("The service is temporarily unavailable; please try again.")
        else:
            message = _("The service failed; please try again.")
        response = JsonResponse({"error": message}, status=status)
    else:
        # No request context: context processors could need the database that just failed.
        response = HttpResponse(render_to_string(f"{status}.html"), status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
