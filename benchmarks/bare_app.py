"""A bare Django app, the reference of benchmarks/throughput.py: settings and URLconf in one module.

    DJANGO_SETTINGS_MODULE=benchmarks.bare_app \
        gunicorn 'django.core.wsgi:get_wsgi_application()' --bind 127.0.0.1:8001 --workers 3

Nothing of the app: no database, no installed apps, no templates, no sessions, no CSRF; only
Django's security and common middleware, DEBUG off. Two views: GET /hello answers "hello", and
POST /json parses its JSON body and answers a small JSON object made from it (the reference of
the API). Whatever the app serves above these is the cost of the app.
"""

import json

from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.urls import path

DEBUG = False
SECRET_KEY = "benchmark-only-bare-app-" + "x" * 40
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {}
INSTALLED_APPS = []
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = __name__
USE_TZ = True


def hello(request):
    return HttpResponse("hello")


def echo_json(request):
    try:
        body = json.loads(request.body)
    except ValueError:
        return HttpResponseBadRequest("not JSON")
    keys = sorted(body) if isinstance(body, dict) else []
    return JsonResponse({"keys": keys, "bytes": len(request.body)})


urlpatterns = [
    path("hello", hello),
    path("json", echo_json),
]

HELLO_PATH = "/hello"
JSON_PATH = "/json"
WSGI = "django.core.wsgi:get_wsgi_application()"
