"""What followups offers the rest of the site: promise an intake its e-mails, or cancel them.

Each promised e-mail is a FollowUp row stored in the intake's transaction (an outbox): the
rows are the source of truth, the task queued on commit only makes the due ones quick, and the
periodic sweep sends whatever a lost task or a broker outage left behind.
"""

from datetime import timedelta

from django.conf import settings

from followups.models import FollowUp
from followups.tasks import send_followup


def schedule(intake):
    """Create the intake's follow-ups (call inside the intake's transaction) and queue the
    ones due now once it commits. Only a patient who opted in and gave an address gets any."""
    if not (intake.followup_opt_in and intake.email):
        return []
    start = intake.submitted_at
    followups = [
        FollowUp.objects.create(intake=intake, kind=kind, due_at=start + timedelta(seconds=delay))
        for kind, delay in settings.FOLLOWUP_SCHEDULE.items()
    ]
    for followup in followups:
        if followup.due_at <= start:
            send_followup.delay_on_commit(followup.id)
    return followups


def cancel_pending(intake, kinds=None):
    """Cancel the intake's follow-ups not sent yet (of `kinds`, default all); returns how many.

    One being sent right now is not stopped here, but the send checks again that it is still
    wanted when it fails and comes back.
    """
    pending = FollowUp.objects.filter(intake=intake, status=FollowUp.PENDING)
    if kinds is not None:
        pending = pending.filter(kind__in=kinds)
    return pending.update(status=FollowUp.CANCELLED)


def cancel_reminders(intake):
    return cancel_pending(intake, kinds=[FollowUp.REMINDER])
