import json
import secrets
from functools import partial

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language

from clinic.profile import current_clinic
from common import ratelimit
from common.kept import Kept
from common.languages import current_language
from intake import consent, pages, results, steps, tasks
from intake.contact import ContactRequestForm
from intake.drafts import Draft
from intake.models import Intake
from intake.submission import submit, unsaved
from staff.models import AuditEvent, record

# Rendered pages that many requests show identically, kept in this process's memory
# (benchmarks/README.md says what they buy), each as of the clinic's current profile and
# consent texts. A step's
# page as a patient first sees it, with no answers of theirs in it: keyed by the step alone. A
# stored intake's results page, which never changes: keyed by its token once the database has
# just said it is stored and not erased.
BLANK_STEP_PAGES = Kept(max_items=len(steps.STEPS), max_bytes=2 * 1024 * 1024, max_age=300)
RESULT_PAGES = Kept(max_items=256, max_bytes=16 * 1024 * 1024, max_age=300)

# Stands for the CSRF token in a kept step page. Random per process, so that nothing on the page
# can contain it by chance.
CSRF_PLACEHOLDER = secrets.token_hex(16)


@never_cache
def start(request):
    """Resume where the patient stopped: the first unfinished step, or the review."""
    step = Draft(request.session).first_incomplete()
    return redirect("intake:step", slug=step.slug) if step else redirect("intake:review")


def too_many_step_posts(request):
    return render(request, "intake/too_many.html", status=429)


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit.limit("intake-step", "INTAKE_STEP_RATE", too_many_step_posts)
def step(request, slug):
    current = steps.BY_SLUG.get(slug)
    if current is None:
        raise Http404("No such step")
    draft = Draft(request.session)
    first_incomplete = draft.first_incomplete()
    if first_incomplete and steps.number(first_incomplete) < steps.number(current):
        return redirect("intake:step", slug=first_incomplete.slug)

    if request.method == "POST":
        form = draft.save(current, request.POST)
        if "language" in request.POST:  # the header's language switch: kept what was typed
            return set_language(request)
        if "back" in request.POST:
            before = steps.previous(current)
            return redirect("intake:step", slug=before.slug) if before else redirect("home")
        if form.is_valid():
            if request.GET.get("return") == "review":  # a "Change" link from the review
                return redirect("intake:review")
            after = steps.following(current)
            return redirect("intake:step", slug=after.slug) if after else redirect("intake:review")
        return render(request, "intake/step.html", _step_context(current, form, request))

    if draft.has_answers(current):
        context = _step_context(current, draft.form(current), request)
        return render(request, "intake/step.html", context)

    def render_blank():
        context = {**_step_context(current, current.form_class()), "csrf_token": CSRF_PLACEHOLDER}
        return render_to_string("intake/step.html", context)

    key = (current.slug, current_language(), current_clinic().updated_at, consent.versions())
    page = BLANK_STEP_PAGES.get_or_make(key, render_blank)
    return HttpResponse(page.replace(CSRF_PLACEHOLDER, get_token(request)))


def _step_context(step, form, request=None):
    return {
        # The header's language switch submits the step's form, then comes back here.
        "language_form": "step-form",
        "here": request.get_full_path() if request else reverse("intake:step", args=[step.slug]),
        "step": step,
        "form": form,
        "number": steps.number(step),
        "total": len(steps.STEPS),
        "steps": steps.STEPS,
        "is_first": steps.previous(step) is None,
    }


def too_many_submissions(request):
    # The answers stay in the draft: the patient can submit them again later.
    return render(request, "intake/too_many.html", status=429)


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit.limit("intake-submit", "INTAKE_SUBMIT_RATE", too_many_submissions)
def review(request):
    draft = Draft(request.session)
    if draft.submitted_token:
        return redirect("intake:result", token=draft.submitted_token)
    answers, forms = {}, {}
    # Each step validated once, against the earlier answers too: a contradiction standing
    # (an earlier answer changed since) sends the patient back to its step.
    for step in steps.STEPS:
        form = forms[step.slug] = draft.validated(step)
        if form is None:
            return redirect("intake:step", slug=step.slug)
        answers.update(form.answers())
    storing = forms["contact"].agrees_to_storing()

    if request.method == "POST" and "without_saving" in request.POST:
        # The full results with nothing stored: no intake, no address, no e-mail; the draft goes.
        intake = unsaved(answers)
        draft.clear()
        context = {"intake": intake, **results.present(intake), "download": document_of(intake)}
        return render(request, "intake/result.html", context)
    if request.method == "POST" and storing:
        intake = submit(answers, draft.submission_key)
        draft.submitted(intake.token)
        return redirect("intake:result", token=intake.token)

    preview = Intake(**answers)
    return render(
        request,
        "intake/review.html",
        {
            "intake": preview,
            "answers": results.describe_answers(preview),
            "contact": answers,
            "storing": storing,
            "consents": [consent.current(consent.HEALTH), consent.current(consent.STORAGE)],
            "total": len(steps.STEPS),
        },
    )


@never_cache
def result(request, token):
    found = pages.state_of(token)
    if found is None:
        raise Http404("No such results page")
    pk, language, erased = found
    open_in_language(request, language)
    if erased:
        erased_at = Intake.objects.values_list("erased_at", flat=True).get(pk=pk)
        return render(request, "intake/erased.html", {"erased_at": erased_at})

    def render_page():
        intake = Intake.objects.get(pk=pk)
        context = {"intake": intake, **results.present(intake), "here": request.path}
        return render_to_string("intake/result.html", context).encode()

    # The same bytes for every visitor: nothing on the page is the visitor's own (its forms post
    # to pages of their own, or to the language switch, which needs no token).
    key = (token, current_language(), current_clinic().updated_at)
    return HttpResponse(RESULT_PAGES.get_or_make(key, render_page))


def open_in_language(request, language):
    """An intake's pages open in the language it was answered in, unless the visitor chose
    another with the language switch (its cookie), or the clinic no longer offers it."""
    chosen = settings.LANGUAGE_COOKIE_NAME in request.COOKIES
    if not chosen and language in dict(settings.LANGUAGES):
        translation.activate(language)
        request.LANGUAGE_CODE = language


def too_many_contact_requests(request):
    return render(request, "intake/contact_too_many.html", status=429)


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit.limit("intake-contact", "INTAKE_CONTACT_RATE", too_many_contact_requests)
def contact(request, token):
    """Ask the clinic to contact me: the form (linked from the results page), and what follows."""
    intake = get_object_or_404(Intake, token=token, erased_at=None)
    open_in_language(request, intake.language)
    form = ContactRequestForm(request.POST or None, initial={"email": intake.email})
    if request.method == "POST" and form.is_valid():
        contact_request = form.save_for(intake)
        transaction.on_commit(
            partial(tasks.send_contact_request_emails.delay, contact_request.pk), robust=True
        )
        context = {"intake": intake, "sent": contact_request}
        return render(request, "intake/contact_sent.html", context)
    return render(request, "intake/contact.html", {"intake": intake, "contact_form": form})


@never_cache
def download(request, token):
    intake = get_object_or_404(
        Intake.objects.select_related("consent_storage", "consent_health"),
        token=token,
        erased_at=None,
    )
    document = document_of(intake)
    response = HttpResponse(document, content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="skin-resurfacing-results.json"'
    return response


def document_of(intake):
    """The patient's data as they download it (JSON)."""
    texts = [
        getattr(intake, field)
        for field in ("consent_health", "consent_storage")
        if getattr(intake, f"{field}_id") is not None
    ]
    document = {
        "submitted_at": intake.submitted_at.isoformat(),
        "answers": {
            **intake.answers().as_dict(),
            "skin_type_source": intake.skin_type_source,
            "phototype_score": intake.phototype_score,
            "recovery": intake.recovery,
            "event_date": intake.event_date.isoformat() if intake.event_date else None,
            "name": intake.name,
            "email": intake.email,
            "followup_opt_in": intake.followup_opt_in,
            "consents": [{"kind": t.kind, "version": t.version, "text": t.text} for t in texts],
            "consent_given_at": intake.consent_given_at.isoformat()
            if intake.consent_given_at
            else None,
        },
        "result": intake.recommendation,
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


@never_cache
@require_http_methods(["GET", "POST"])
def delete(request, token):
    intake = get_object_or_404(Intake, token=token, erased_at=None)
    open_in_language(request, intake.language)
    if request.method == "POST":
        intake.erase()
        record(AuditEvent.ERASE, intake=intake, detail="erased by the patient")
        return redirect("intake:result", token=token)
    return render(request, "intake/delete.html", {"intake": intake})
