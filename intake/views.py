import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from intake import consent, page_cache, results, steps
from intake.drafts import Draft
from intake.models import ERASURES, Intake, find_by_token
from intake.submission import submit
from resurfacing import changes, ratelimit


@never_cache
def start(request):
    """Resume where the patient stopped: the first unfinished step, or the review."""
    step = Draft(request.session).first_incomplete()
    return redirect("intake:step", slug=step.slug) if step else redirect("intake:review")


@never_cache
@require_http_methods(["GET", "POST"])
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
        if "back" in request.POST:
            before = steps.previous(current)
            return redirect("intake:step", slug=before.slug) if before else redirect("home")
        if form.is_valid():
            if request.GET.get("return") == "review":  # a "Change" link from the review
                return redirect("intake:review")
            after = steps.following(current)
            return redirect("intake:step", slug=after.slug) if after else redirect("intake:review")
        return render(request, "intake/step.html", _step_context(current, form))

    def render_page(csrf_token):
        context = {**_step_context(current, draft.form(current)), "csrf_token": csrf_token}
        return render_to_string("intake/step.html", context)

    return HttpResponse(page_cache.step_page(request, current, draft.raw(current), render_page))


def _step_context(step, form):
    return {
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
    answers = {}
    for step in steps.STEPS:  # each step validated once
        form = draft.validated(step)
        if form is None:
            return redirect("intake:step", slug=step.slug)
        answers.update(form.answers())

    if request.method == "POST":
        intake = submit(answers, draft.submission_key)
        draft.clear()
        return redirect("intake:result", token=intake.token)

    preview = Intake(**answers)
    return render(
        request,
        "intake/review.html",
        {
            "answers": results.describe_answers(preview),
            "contact": answers,
            "consent_text": consent.TEXT,
            "total": len(steps.STEPS),
        },
    )


DELETED = "deleted"  # in the address the patient is sent to after deleting their answers


@never_cache
def result(request, token):
    # No query while no erasure has been notified since this page was last checked. Right after
    # a deletion the notification may still be on its way to this process: ask the database.
    mark = None if DELETED in request.GET else changes.seen(ERASURES)
    page = page_cache.kept_result_page(token, mark)
    if page is not None:
        return HttpResponse(page)
    found = find_by_token(token)
    if found is None:
        raise Http404("No such results page")
    pk, erased = found
    if erased:
        return render(request, "intake/erased.html", {"intake": Intake.objects.get(pk=pk)})

    def render_page():
        intake = Intake.objects.get(pk=pk)
        context = {"intake": intake, **results.present(intake)}
        return render_to_string("intake/result.html", context, request)

    return HttpResponse(page_cache.result_page(token, render_page, mark))


@never_cache
def download(request, token):
    intake = get_object_or_404(Intake, token=token, erased_at=None)
    document = {
        "submitted_at": intake.submitted_at.isoformat(),
        "answers": {
            **intake.answers().as_dict(),
            "skin_type_source": intake.skin_type_source,
            "phototype_score": intake.phototype_score,
            "recovery": intake.recovery,
            "name": intake.name,
            "email": intake.email,
            "followup_opt_in": intake.followup_opt_in,
            "consent_version": intake.consent_version,
            "consent_given_at": intake.consent_given_at.isoformat(),
        },
        "result": intake.recommendation,
    }
    response = HttpResponse(
        json.dumps(document, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="skin-resurfacing-results.json"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def delete(request, token):
    intake = get_object_or_404(Intake, token=token, erased_at=None)
    if request.method == "POST":
        intake.erase()
        return redirect(f"{reverse('intake:result', args=[token])}?{DELETED}")
    return render(request, "intake/delete.html", {"intake": intake})
