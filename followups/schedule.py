"""Which follow-ups a new intake gets: settings.FOLLOWUP_SCHEDULE, kind -> delay in seconds."""

from datetime import timedelta

from django.conf import settings

from followups.models import FollowUp


def schedule_followups(intake):
    """Create the intake's follow-up rows (call inside the intake's transaction).

    Only a patient who opted in and gave an address gets any. Returns the new rows.
    """
    if not (intake.followup_opt_in and intake.email):
        return []
    start = intake.submitted_at
    return [
        FollowUp.objects.create(intake=intake, kind=kind, due_at=start + timedelta(seconds=delay))
        for kind, delay in settings.FOLLOWUP_SCHEDULE.items()
    ]
