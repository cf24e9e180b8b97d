"""For the admin index (templates/admin/index.html): the reviewers' day at a glance."""

from django import template
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from intake import workflow
from intake.models import ContactRequest, Intake

register = template.Library()


@register.simple_tag(takes_context=True)
def intake_dashboard(context):
    """Counts for staff who may view intakes, with links to the matching lists; else None."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("intake.view_intake"):
        return None
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    counts = Intake.objects.filter(erased_at=None).aggregate(
        new_today=Count("pk", filter=Q(submitted_at__gte=today)),
        awaiting=Count("pk", filter=Q(status__in=[workflow.NEW, workflow.IN_REVIEW])),
    )
    open_requests = ContactRequest.objects.filter(handled_at=None, intake__erased_at=None)
    changelist = reverse("admin:intake_intake_changelist")
    return {
        **counts,
        "open_requests": open_requests.count(),
        "new_url": f"{changelist}?status__exact={workflow.NEW}",
        "open_requests_url": f"{changelist}?contact_request=open",
    }
