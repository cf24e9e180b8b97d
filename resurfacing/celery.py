"""The Celery application: `celery -A resurfacing worker` and `celery -A resurfacing beat`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resurfacing.settings")

app = Celery("resurfacing")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
