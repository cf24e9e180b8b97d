from django.urls import path

from clinic import views

app_name = "clinic"

urlpatterns = [
    path("clinic/logo.png", views.logo, name="logo"),
    path("privacy/", views.privacy, name="privacy"),
]
