"""The app's URLs plus two references (not in production URLs): /bench/bare, the smallest
possible Django view, and /bench/session, the smallest view that reads the session (GET) or
saves a POST in it."""

from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path
from django.views.decorators.http import require_http_methods

from resurfacing.urls import handler500  # noqa: F401  (the same error pages as production)
from resurfacing.urls import urlpatterns as production


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


@require_http_methods(["GET", "POST"])
def session(request):
    """The least a questionnaire step does with Django's database sessions before its own work:
    a GET reads the session; a POST keeps what was posted in it (a read, then an update in its
    transaction) and redirects."""
    if request.method == "POST":
        request.session["bench_posted"] = request.POST.dict()
        return HttpResponseRedirect("/bench/bare")
    return HttpResponse(str(len(request.session.keys())), content_type="text/plain")


# The app's own URLs at the same depth as in production (not under an include), so that they
# resolve as fast.
urlpatterns = [
    path("bench/bare", bare, name="bench-bare"),
    path("bench/session", session, name="bench-session"),
    *production,
]
