"""The app's URLs plus /bench/bare, the smallest possible Django view (not in production URLs)."""

from django.http import HttpResponse
from django.urls import include, path

from resurfacing.urls import handler500  # noqa: F401  (the same error pages as production)


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare", bare, name="bench-bare"),
    path("", include("resurfacing.urls")),
]
