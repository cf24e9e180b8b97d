from django.urls import path, register_converter

from intake import views


class TokenConverter:
    """A results address's token: what secrets.token_urlsafe makes, so that anything else (a NUL
    byte, a megabyte of text) is a plain 404 before any query."""

    regex = "[A-Za-z0-9_-]{16,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "token")

app_name = "intake"

urlpatterns = [
    path("", views.start, name="start"),
    path("step/<slug:slug>/", views.step, name="step"),
    path("review/", views.review, name="review"),
    path("results/<token:token>/", views.result, name="result"),
    path("results/<token:token>/download/", views.download, name="download"),
    path("results/<token:token>/delete/", views.delete, name="delete"),
    path("results/<token:token>/contact/", views.contact, name="contact"),
]
