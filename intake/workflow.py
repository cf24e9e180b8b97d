"""The reviewers' status workflow: new → in review → contacted → booked → closed."""

from django.utils.translation import gettext_lazy

NEW, IN_REVIEW, CONTACTED, BOOKED, CLOSED = "new", "in_review", "contacted", "booked", "closed"

STATUSES = [
    (NEW, gettext_lazy("New")),
    (IN_REVIEW, gettext_lazy("In review")),
    (CONTACTED, gettext_lazy("Contacted")),
    (BOOKED, gettext_lazy("Booked")),
    (CLOSED, gettext_lazy("Closed")),
]

# Forward along the workflow (a patient who asked to be called may be contacted or booked
# straight away), closing at any point, and reopening a closed intake for review.
TRANSITIONS = {
    NEW: {IN_REVIEW, CONTACTED, BOOKED, CLOSED},
    IN_REVIEW: {CONTACTED, BOOKED, CLOSED},
    CONTACTED: {BOOKED, CLOSED},
    BOOKED: {CLOSED},
    CLOSED: {IN_REVIEW},
}

# Once staff have contacted the patient, booked them or closed the intake, reminders to book
# no longer make sense.
STOPS_REMINDERS = {CONTACTED, BOOKED, CLOSED}


def allowed_next(status):
    """The statuses an intake in `status` may be set to, itself included."""
    return {status} | TRANSITIONS[status]


def label(status):
    """The status's label, in the active language."""
    return str(dict(STATUSES)[status])
