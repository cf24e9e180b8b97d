"""For the admin index (templates/admin/index.html): how many follow-up e-mails failed."""

from django import template

from followups import failures

register = template.Library()


@register.simple_tag(takes_context=True)
def failed_followups(context):
    """{"count", "url"} of the failed follow-ups for staff who may view them and when there are
    any; otherwise None."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("followups.view_followup"):
        return None
    count = failures.failed_count()
    if not count:
        return None
    return {"count": count, "url": failures.failed_list_url()}
