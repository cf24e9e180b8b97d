from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from treatments import api

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("intake/", include("intake.urls")),
    path("followups/", include("followups.urls")),
    path("", include("clinic.urls")),
    path("api/v1/recommendations", api.recommendations, name="api-recommendations"),
    path("api/v1/openapi.json", api.openapi_document, name="api-openapi"),
    path("admin/", admin.site.urls),
]

handler500 = "resurfacing.errors.server_error"
