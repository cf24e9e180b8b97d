from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("intake/", include("intake.urls")),
    path("followups/", include("followups.urls")),
    path("admin/", admin.site.urls),
]
