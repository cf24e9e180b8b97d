"""The reviewers' status workflow: new → in review → contacted → closed."""

NEW, IN_REVIEW, CONTACTED, CLOSED = "new", "in_review", "contacted", "closed"

STATUSES = [
    (NEW, "New"),
    (IN_REVIEW, "In review"),
    (CONTACTED, "Contacted"),
    (CLOSED, "Closed"),
]

# Forward along the workflow, closing at any point, and reopening a closed intake for review.
TRANSITIONS = {
    NEW: {IN_REVIEW, CLOSED},
    IN_REVIEW: {CONTACTED, CLOSED},
    CONTACTED: {CLOSED},
    CLOSED: {IN_REVIEW},
}

# Once staff have contacted the patient or closed the intake, reminders no longer make sense.
STOPS_REMINDERS = {CONTACTED, CLOSED}


def allowed_next(status):
    """The statuses an intake in `status` may be set to, itself included."""
    return {status} | TRANSITIONS[status]


def label(status):
    return dict(STATUSES)[status]
