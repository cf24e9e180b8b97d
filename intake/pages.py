"""What a results address stands for, asked on every request to it.

A results page is kept in memory (intake/views.py), so every request must first ask the database
whether its intake is still stored and not erased: an erasure is then seen at once by every
process. The ORM writes that one query's SQL once per process and each request only runs it,
because compiling it cost more than everything else the kept page's request does;
benchmarks/README.md ("The results page's one query") gives the figures.
"""

from functools import cache

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q

from intake.models import Intake

_TOKEN = "a token"


@cache
def _statement():
    queryset = (
        Intake.objects.filter(token=_TOKEN)
        .order_by()
        .annotate(erased=ExpressionWrapper(Q(erased_at__isnull=False), output_field=BooleanField()))
        .values_list("pk", "language", "erased")
    )
    sql, params = queryset.query.sql_with_params()
    if params != (_TOKEN,):  # the token must be the statement's one parameter
        raise AssertionError(f"unexpected parameters {params!r}")
    return sql


def state_of(token):
    """(pk, language, erased) of the intake this results token belongs to, or None."""
    with connection.cursor() as cursor:
        cursor.execute(_statement(), [token])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, language, erased = row
    return pk, language, bool(erased)
