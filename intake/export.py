"""CSV export of intakes for staff: one row per intake, answers in columns, no internal notes.

The response is streamed: rows are read from the database a chunk at a time while they are
sent, so a large export never sits in memory (only the list of the exported ids does).
"""

import csv
from itertools import islice

from django.http import StreamingHttpResponse
from django.utils import timezone

from intake.models import Intake
from treatments.vocabulary import CONCERNS, HEALTH_FLAGS

CHUNK = 500

HEADER = [
    "id",
    "submitted_at",
    "language",
    "status",
    "assignee",
    "name",
    "email",
    "fitzpatrick",
    "skin_type_source",
    *(f"concern_{key}" for key in CONCERNS),
    "recovery",
    "event_date",
    "max_downtime_days",
    *(f"health_{flag}" for flag in HEALTH_FLAGS),
    "followup_opt_in",
    "flagged",
    "candidates",
    "excluded",
    "erased_at",
]


class _Echo:
    """A file-like object that hands back what csv.writer writes, for streaming."""

    def write(self, value):
        return value


def response(intake_ids, filename):
    """Stream the intakes with `intake_ids` as CSV, in that order."""
    writer = csv.writer(_Echo())
    rows = (writer.writerow(row) for row in _rows(intake_ids))
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


def _rows(intake_ids):
    yield HEADER
    for chunk in batched(intake_ids, CHUNK):
        intakes = Intake.objects.select_related("assignee").in_bulk(chunk)
        for pk in chunk:
            if pk in intakes:
                yield [_safe(value) for value in _row(intakes[pk])]


def batched(items, size):
    """Consecutive tuples of `size` items (itertools.batched from Python 3.12)."""
    iterator = iter(items)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


def _row(intake):
    recommendation = intake.recommendation or {}
    erased = intake.is_erased
    return [
        intake.pk,
        intake.submitted_at.isoformat(),
        intake.language,
        intake.status,
        intake.assignee.get_username() if intake.assignee else "",
        intake.name,
        intake.email,
        intake.fitzpatrick or "",
        intake.skin_type_source,
        *("" if erased else _yes_no(key in intake.concerns) for key in CONCERNS),
        intake.recovery,
        intake.event_date.isoformat() if intake.event_date else "",
        "" if intake.max_downtime_days is None else intake.max_downtime_days,
        *(_yes_no(intake.health[flag]) if flag in intake.health else "" for flag in HEALTH_FLAGS),
        _yes_no(intake.followup_opt_in),
        "" if erased else _yes_no(intake.flagged),
        " ".join(c["slug"] for c in recommendation.get("candidates", [])),
        " ".join(e["slug"] for e in recommendation.get("excluded", [])),
        intake.erased_at.isoformat() if intake.erased_at else "",
    ]


def _yes_no(value):
    return "yes" if value else "no"


def _safe(value):
    # A cell starting with = + - @ (or a tab or carriage return before one) runs as a formula in
    # spreadsheets (CSV injection); a leading apostrophe makes it plain text.
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
