"""The production settings plus a bare view for comparison (benchmarks/urls.py).

Everything else — middleware, templates, database, caches — is resurfacing.settings as the
environment sets it, so the bare view pays exactly what every real page pays before its view.
"""

from resurfacing.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"

# Load and fault runs only: a short Redis visibility timeout, so that messages a killed worker
# never acknowledged are delivered again within the run (the claim must refuse them).
if env("BENCH_VISIBILITY_TIMEOUT"):  # noqa: F405
    CELERY_BROKER_TRANSPORT_OPTIONS = {  # noqa: F405
        **CELERY_BROKER_TRANSPORT_OPTIONS,  # noqa: F405
        "visibility_timeout": int(env("BENCH_VISIBILITY_TIMEOUT")),  # noqa: F405
    }
