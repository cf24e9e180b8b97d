"""The JSON API: POST /api/v1/recommendations, the `recommend` command over HTTP.

Nothing is stored. Errors are JSON: {"error": "<field>: <problem>", "field": ..., "problem": ...}.
"""

import json

import orjson
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from clinic.profile import current_clinic
from common import ratelimit
from common.kept import Kept
from common.languages import current_language
from treatments import openapi
from treatments.catalog import current_catalog
from treatments.rules import recommend
from treatments.validation import InvalidIntake, parse_intake

TOO_COMPLEX = "the body is nested too deeply or holds a number too long to read"


# Every answer is about one person's health: no browser or proxy keeps it.
NOT_KEPT = {"Cache-Control": "no-store"}


def error(status, problem, field=None):
    message = f"{field}: {problem}" if field else problem
    return JsonResponse(
        {"error": message, "field": field, "problem": problem}, status=status, headers=NOT_KEPT
    )


def too_large():
    return error(413, f"the body is larger than {settings.API_MAX_BODY_BYTES} bytes")


def too_many_requests(request):
    return error(429, "too many requests from this address; try again in a minute")


@csrf_exempt  # no cookies or sessions: a JSON body from any client, nothing stored
@ratelimit.limit("api", "API_RATE", too_many_requests)
def recommendations(request):
    if request.method != "POST":
        response = error(405, f"method {request.method} is not allowed; use POST")
        response["Allow"] = "POST"
        return response
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return error(400, "the Content-Length header is not a number")
    if declared > settings.API_MAX_BODY_BYTES:
        return too_large()
    try:
        body = _body(request)
    except RequestDataTooBig:
        return too_large()
    if len(body) > settings.API_MAX_BODY_BYTES:
        return too_large()
    try:
        data = json.loads(body)
    except json.JSONDecodeError as problem:
        return error(
            400, f"the body is not valid JSON (line {problem.lineno}, column {problem.colno})"
        )
    except UnicodeDecodeError:
        return error(400, "the body is not UTF-8 text")
    except (ValueError, RecursionError):
        # Python's limits: a number of more than 4300 digits, or arrays and objects nested
        # about a thousand deep. Valid JSON, but no intake looks like that.
        return error(400, TOO_COMPLEX)
    try:
        if isinstance(data, list):
            if len(data) > settings.API_MAX_BATCH:
                return error(413, f"a batch holds at most {settings.API_MAX_BATCH} intakes")
            batch = [parse_intake(item, where=f"[{i}].") for i, item in enumerate(data)]
        else:
            batch = parse_intake(data)
    except InvalidIntake as invalid:
        return error(400, invalid.problem, invalid.field or None)
    except RecursionError:  # echoing a value nested almost as deep as the parser allows
        return error(400, TOO_COMPLEX)
    encode = encoder(current_catalog(), current_clinic().currency)
    if isinstance(batch, list):
        body = b"[" + b",".join(encode(answers) for answers in batch) + b"]"
    else:
        body = encode(batch)
    return HttpResponse(body, content_type="application/json", headers=NOT_KEPT)


# The result for the same answers, the same snapshot and the same currency is the same: each
# process keeps the JSON of recent answers (validated IntakeAnswers, never the raw body) for as
# long as its snapshot and the clinic's currency are current. In memory only: the answers include
# health data, which stays out of shared caches.
RECENT_RESULTS = 1024
RECENT_RESULTS_BYTES = 16 * 1024 * 1024
# language -> (the snapshot, the currency, their Kept results), for the languages offered.
_results = {}


def encoder(snapshot, currency):
    """answers -> the result's JSON for this snapshot, in the active language, its fees in
    `currency` (the clinic's, an ISO 4217 code: the engine's figures carry none). orjson: the
    same JSON values as json.dumps, faster."""
    language = current_language()
    kept_for, kept_currency, results = _results.get(language, (None, None, None))
    if kept_for is not snapshot or kept_currency != currency:
        results = Kept(RECENT_RESULTS, RECENT_RESULTS_BYTES, max_age=3600)
        _results[language] = (snapshot, currency, results)

    def result(answers):
        return {
            **recommend(answers, snapshot, translation),
            "currency": currency,
            "language": language,
        }

    return lambda answers: results.get_or_make(answers, lambda: orjson.dumps(result(answers)))


def _body(request):
    """The request's body; one sent in chunks, without a Content-Length, is read up to one byte
    past the limit, which tells it is too large."""
    chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
    if chunked and not request.META.get("CONTENT_LENGTH"):
        return request.META["wsgi.input"].read(settings.API_MAX_BODY_BYTES + 1)
    return request.body


@require_GET
def openapi_document(request):
    return JsonResponse(openapi.document())
