from django.urls import path

from followups import views

app_name = "followups"

urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
