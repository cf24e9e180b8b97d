from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from clinic.profile import current_clinic


@require_safe
def logo(request):
    clinic = current_clinic()
    if not clinic.logo:
        raise Http404("No logo")
    # Always a PNG this app wrote (clinic/logo.py), and said so, so a browser never guesses.
    response = FileResponse(clinic.logo.open("rb"), content_type="image/png")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def privacy(request):
    return render(
        request,
        "clinic/privacy.html",
        {
            "retention_days": settings.INTAKE_RETENTION_DAYS,
            "closed_retention_days": settings.CLOSED_INTAKE_RETENTION_DAYS,
            "draft_hours": settings.INTAKE_DRAFT_MAX_AGE // 3600,
            "reminder_days": settings.FOLLOWUP_SCHEDULE.get("reminder", 0) // 86400,
        },
    )
