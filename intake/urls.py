from django.urls import path

from intake import views

app_name = "intake"

urlpatterns = [
    path("", views.start, name="start"),
    path("step/<slug:slug>/", views.step, name="step"),
    path("review/", views.review, name="review"),
    path("results/<str:token>/", views.result, name="result"),
    path("results/<str:token>/download/", views.download, name="download"),
    path("results/<str:token>/delete/", views.delete, name="delete"),
]
