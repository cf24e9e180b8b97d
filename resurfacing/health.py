"""GET /healthz for load balancers: database and broker reachable, nothing secret."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from resurfacing.celery import app as celery_app


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # noqa: BLE001  (any failure means "down" to a load balancer)
        return False


# Answer within a load balancer's timeout: one attempt, short socket timeouts, no retry sleep.
FAIL_FAST = {"socket_connect_timeout": 1, "socket_timeout": 1}


def broker_ok():
    options = {**(celery_app.conf.broker_transport_options or {}), **FAIL_FAST}
    try:
        with celery_app.connection_for_write(transport_options=options) as conn:
            conn.ensure_connection(max_retries=0, timeout=2)
        return True
    except Exception:  # noqa: BLE001
        return False


@never_cache
@require_safe  # GET, and HEAD for load balancers that probe with it
def healthz(request):
    database, broker = database_ok(), broker_ok()
    # Without the broker the site still serves patients (e-mails wait in the outbox), so a
    # load balancer should keep the replica: "degraded", 200. Without the database: 503.
    status = "ok" if database and broker else "degraded" if database else "unavailable"
    return JsonResponse(
        {
            "status": status,
            "database": "ok" if database else "down",
            "broker": "ok" if broker else "down",
        },
        status=200 if database else 503,
    )
