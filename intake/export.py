"""CSV export of intakes for staff: one row per intake, answers in columns, no internal notes.

Rows are streamed from a server-side iterator, so a large export never sits in memory.
"""

import csv

from django.http import StreamingHttpResponse
from django.utils import timezone

from treatments.vocabulary import CONCERNS, HEALTH_FLAGS

HEADER = [
    "id",
    "submitted_at",
    "status",
    "assignee",
    "name",
    "email",
    "fitzpatrick",
    "skin_type_source",
    *(f"concern_{key}" for key in CONCERNS),
    "recovery",
    "max_downtime_days",
    *(f"health_{flag}" for flag in HEALTH_FLAGS),
    "followup_opt_in",
    "candidates",
    "excluded",
    "erased_at",
]


class _Echo:
    def write(self, value):
        return value


def response(queryset, filename):
    writer = csv.writer(_Echo())
    rows = (writer.writerow(row) for row in _rows(queryset))
    return StreamingHttpResponse(
        rows,
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


def filename():
    return f"intakes-{timezone.now():%Y%m%d-%H%M}.csv"


def _rows(queryset):
    yield HEADER
    for intake in queryset.select_related("assignee").iterator(chunk_size=500):
        yield [_safe(value) for value in _row(intake)]


def _row(intake):
    recommendation = intake.recommendation or {}
    return [
        intake.pk,
        intake.submitted_at.isoformat(),
        intake.status,
        intake.assignee.get_username() if intake.assignee else "",
        intake.name,
        intake.email,
        intake.fitzpatrick or "",
        intake.skin_type_source,
        *(_yes_no(key in intake.concerns) if not intake.is_erased else "" for key in CONCERNS),
        intake.recovery,
        "" if intake.max_downtime_days is None else intake.max_downtime_days,
        *(_yes_no(intake.health[flag]) if flag in intake.health else "" for flag in HEALTH_FLAGS),
        _yes_no(intake.followup_opt_in),
        " ".join(c["slug"] for c in recommendation.get("candidates", [])),
        " ".join(e["slug"] for e in recommendation.get("excluded", [])),
        intake.erased_at.isoformat() if intake.erased_at else "",
    ]


def _yes_no(value):
    return "yes" if value else "no"


def _safe(value):
    # A cell starting with = + - @ runs as a formula in spreadsheets (CSV injection).
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
