from django.core import signing
from django.db import transaction
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from followups.emails import intake_id_from_token
from followups.models import FollowUp
from followups.outbox import cancel_pending

# The intake model, through the follow-up's relation: this app does not import the intake app.
Intake = FollowUp._meta.get_field("intake").related_model


@never_cache
@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no CSRF token.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The link shows a button; its POST, or the mail client's one-click POST (RFC 8058),
    stops every pending follow-up. A GET changes nothing: mail providers' link scanners open
    every link in a message."""
    try:
        intake_id = intake_id_from_token(token)
    except signing.BadSignature:
        return render(request, "followups/unsubscribe_invalid.html", status=400)
    if request.method == "GET":
        return render(request, "followups/unsubscribe.html")
    with transaction.atomic():
        intake = Intake.objects.select_for_update().filter(pk=intake_id).first()
        if intake is not None:
            cancel_pending(intake)
            if intake.followup_opt_in:
                intake.followup_opt_in = False
                intake.save(update_fields=["followup_opt_in"])
    return render(request, "followups/unsubscribed.html")
