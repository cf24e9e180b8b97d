from django import template
from django.conf import settings
from django.template.loader import render_to_string

from common.languages import current_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_switch(context):
    """{% language_switch %}: the header's language buttons. The page's address comes from
    `here` (pages kept in memory are rendered without a request) or the request; on a
    questionnaire step (`language_form`, the form's id) the buttons submit the step's form.
    Read from the context in Python: a missing variable is never looked up by the template,
    whose debug log would print the whole context, health answers included."""
    request = context.get("request")
    here = context.get("here") or (request.get_full_path() if request else "")
    return render_to_string(
        "_language_switch.html",
        {
            "languages": settings.LANGUAGES,
            "current": current_language(),
            "form_id": context.get("language_form", ""),
            "next": here,
        },
    )
