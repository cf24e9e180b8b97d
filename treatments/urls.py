from django.urls import path

from treatments import views

app_name = "treatments"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.detail, name="detail"),
]
