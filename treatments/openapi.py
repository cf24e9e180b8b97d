"""The OpenAPI 3.1 document of the JSON API, built from the same vocabulary as the validation."""

from django.conf import settings

from treatments.models import FeeKind
from treatments.vocabulary import CONCERNS, HEALTH_FLAGS, NOTICE

# JSON Schema counts 4.0 as an integer; the validation, like the `recommend` command, wants the
# number written without a fraction, so the document says it in words.
WHOLE = "A whole number written without a fraction (4, not 4.0)."
RANGE = {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}
# Fees are whole amounts of the currency the result names (`currency`), low end first.
FEES = {**RANGE, "items": {"type": "integer", "minimum": 0}}

INTAKE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["fitzpatrick", "concerns", "max_downtime_days"],
    "properties": {
        "fitzpatrick": {
            "type": "integer",
            "minimum": 1,
            "maximum": 6,
            "description": f"Fitzpatrick skin type. {WHOLE}",
        },
        "concerns": {
            "type": "array",
            "items": {"type": "string", "enum": list(CONCERNS)},
            "minItems": 1,
            "uniqueItems": True,
        },
        "max_downtime_days": {
            "type": "integer",
            "minimum": 0,
            "description": f"The recovery time the patient accepts, in days. {WHOLE}",
        },
        "health": {
            "type": "object",
            "additionalProperties": False,
            "properties": {flag: {"type": "boolean"} for flag in HEALTH_FLAGS},
        },
    },
}

REASON = {
    "type": "object",
    "required": ["code", "text", "sources"],
    "properties": {
        "code": {
            "type": "string",
            "description": (
                "What the reason is about: `health:<flag>`, `skin_type`, `recovery`, "
                "`no_concern` or `efficacy:<concern>`."
            ),
        },
        "text": {"type": "string", "description": "What the patient reads."},
        "sources": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Keys of the result's `sources` this reason rests on.",
        },
    },
}
REASONS = {"type": "array", "items": REASON}
TREATMENT_REF = {
    "type": "object",
    "required": ["slug", "name"],
    "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
}
SOURCE = {
    "type": "object",
    "required": ["title", "publisher", "year", "url"],
    "properties": {
        "title": {"type": "string"},
        "publisher": {"type": "string"},
        "year": {"type": ["integer", "null"]},
        "url": {"type": "string"},
    },
}

CANDIDATE = {
    "type": "object",
    "required": [
        "slug", "family", "family_name", "name", "intensity", "intensity_rank", "ablative",
        "score", "reasons", "cautions", "downtime_days", "sessions", "fees", "course_fees",
        "fee_kind", "description", "side_effects", "top_match", "questions", "sources",
        "reviewed_by", "reviewed_on",
    ],
    "properties": {
        "slug": {"type": "string"},
        "family": {"type": "string"},
        "family_name": {"type": "string"},
        "name": {"type": "string"},
        "intensity": {"type": "string"},
        "intensity_rank": {"type": "integer"},
        "ablative": {"type": "boolean"},
        "score": {"type": "integer", "minimum": 0},
        "top_match": {
            "type": "boolean",
            "description": (
                "The best score of the result, and at least 2 of 3 on average over the chosen "
                "concerns."
            ),
        },
        "reasons": REASONS,
        "cautions": REASONS,
        "downtime_days": RANGE,
        "sessions": RANGE,
        "fees": {
            **FEES,
            "description": "The fee per session, lowest and highest, in the result's currency.",
        },
        "course_fees": {
            **FEES,
            "description": (
                "A whole course, lowest and highest: the fee per session times the number of "
                "sessions, in the result's currency."
            ),
        },
        "fee_kind": {
            "type": "string",
            "enum": FeeKind.values,
            "description": (
                "Whose fees these are: `ours`, the clinic's own price; `typical`, a typical "
                "range, not a quote."
            ),
        },
        "description": {"type": "string"},
        "side_effects": {"type": "string"},
        "questions": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Questions the patient may ask the provider about this treatment.",
        },
        "sources": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Keys of the sources of the treatment's own figures.",
        },
        "reviewed_by": {
            "type": "string",
            "description": "Who medically reviewed the content (name and credentials), or empty.",
        },
        "reviewed_on": {
            "type": "string",
            "description": "When, as an ISO date, or empty when it was never reviewed.",
        },
    },
}  # fmt: skip

RESULT = {
    "type": "object",
    "required": [
        "candidates",
        "excluded",
        "shared_exclusions",
        "possible_once_resolved",
        "sources",
        "summary",
        "notice",
        "currency",
        "language",
    ],
    "properties": {
        "candidates": {"type": "array", "items": CANDIDATE},
        "excluded": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["slug", "name", "reasons"],
                "properties": {
                    "slug": {"type": "string"},
                    "name": {"type": "string"},
                    "reasons": {**REASONS, "minItems": 1},
                },
            },
        },
        "shared_exclusions": {
            **REASONS,
            "description": (
                "Health-screen reasons that rule out every excluded treatment (when two or more "
                "are): a page may say them once. They stay in each excluded entry's reasons."
            ),
        },
        "possible_once_resolved": {
            "type": "array",
            "items": TREATMENT_REF,
            "description": "Excluded treatments that only the shared reasons rule out.",
        },
        "sources": {
            "type": "object",
            "additionalProperties": SOURCE,
            "description": "Every source the result cites, by key.",
        },
        "summary": {"type": "string"},
        "notice": {
            "type": "string",
            "description": "That this is not medical advice, in the result's language.",
        },
        "currency": {
            "type": "string",
            "pattern": "^[A-Z]{3}$",
            "description": "The currency of every fee: the clinic's, an ISO 4217 code (e.g. EUR).",
        },
        "language": {
            "type": "string",
            "description": "The language of every text in the result (reasons, summary, notice, "
            "the catalog's names and descriptions): the best match for the request's "
            "Accept-Language among those the clinic offers, else the clinic's default.",
        },
    },
}

ERROR = {
    "type": "object",
    "required": ["error", "field", "problem"],
    "properties": {
        "error": {"type": "string"},
        "field": {"type": ["string", "null"]},
        "problem": {"type": "string"},
    },
}


def _error_response(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def document():
    batch = {"type": "array", "items": {"$ref": "#/components/schemas/Intake"}}
    batch["maxItems"] = settings.API_MAX_BATCH
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Skin resurfacing explorer API",
            "version": "1.0.0",
            "description": (
                "Ranks resurfacing treatments for one intake, or a batch, by the rules of the "
                f"clinic's catalog. Nothing is stored. {NOTICE}"
            ),
        },
        "paths": {
            "/api/v1/recommendations": {
                "post": {
                    "operationId": "recommend",
                    "summary": "Recommend treatments for one intake or a batch",
                    "parameters": [
                        {
                            "name": "Accept-Language",
                            "in": "header",
                            "required": False,
                            "schema": {"type": "string", "example": "es"},
                            "description": "The language of the result's texts, one of: "
                            + ", ".join(code for code, _ in settings.LANGUAGES)
                            + f". Any other gives {settings.LANGUAGE_CODE}; the result's "
                            "`language` and the Content-Language header say which was used.",
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "oneOf": [{"$ref": "#/components/schemas/Intake"}, batch]
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "The result, or one per intake of a batch, in order",
                            "headers": {
                                "Content-Language": {
                                    "schema": {"type": "string"},
                                    "description": "The language of the result's texts.",
                                }
                            },
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "oneOf": [
                                            {"$ref": "#/components/schemas/Result"},
                                            {
                                                "type": "array",
                                                "items": {"$ref": "#/components/schemas/Result"},
                                            },
                                        ]
                                    }
                                }
                            },
                        },
                        "400": _error_response("Invalid JSON or intake; names the field"),
                        "405": _error_response("Only POST is allowed"),
                        "413": _error_response("The body or the batch is too large"),
                        "429": _error_response("Too many requests from this address"),
                    },
                }
            }
        },
        "components": {
            "schemas": {"Intake": INTAKE, "Result": RESULT, "Error": ERROR},
        },
    }
