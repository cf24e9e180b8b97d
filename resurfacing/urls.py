from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView
from django.views.i18n import set_language

from treatments import api
from treatments.sitemaps import SITEMAPS

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("treatments/", include("treatments.urls")),
    path("intake/", include("intake.urls")),
    path("followups/", include("followups.urls")),
    path("", include("clinic.urls")),
    path("api/v1/recommendations", api.recommendations, name="api-recommendations"),
    path("api/v1/openapi.json", api.openapi_document, name="api-openapi"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    # The language switch (Django's set_language). Without a CSRF token: another site could
    # change only the language a visitor reads in, and pages kept in memory (the results) then
    # hold nothing that is the visitor's own.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

handler500 = "resurfacing.errors.server_error"
