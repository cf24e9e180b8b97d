"""Validation of an intake given as plain data (JSON), shared by the command, the form and the API.

It checks docs/clinical-basis.md, section 8, rule 1 and turns the input into `IntakeAnswers`.
Every problem is reported as one `InvalidIntake` naming the field and what is wrong with it.
The problems reach API clients and patients: they are translated into the active language.
"""

import json

from django.utils.translation import gettext as _

from treatments.rules import IntakeAnswers
from treatments.vocabulary import CONCERNS, HEALTH_FLAGS

FIELDS = ("fitzpatrick", "concerns", "max_downtime_days", "health")


class InvalidIntake(ValueError):
    def __init__(self, field, problem):
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}" if field else problem)


def parse_intake(data, where="") -> IntakeAnswers:
    """Validate one intake object; `where` prefixes field names (e.g. "[2]." in a batch)."""
    if not isinstance(data, dict):
        raise InvalidIntake(
            where.rstrip("."), _("must be a JSON object, got %(kind)s") % {"kind": _kind(data)}
        )
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise InvalidIntake(
            f"{where}{_name(unknown[0])}",
            _("unknown field (expected one of: %(fields)s)") % {"fields": ", ".join(FIELDS)},
        )
    for name in ("fitzpatrick", "concerns", "max_downtime_days"):
        if name not in data:
            raise InvalidIntake(f"{where}{name}", _("is required"))
    return IntakeAnswers(
        **{name: parse_field(name, data[name], where) for name in FIELDS if name in data}
    )


def parse_field(name, value, where=""):
    """Validate one field of an intake; the questionnaire checks each step with this."""
    return PARSERS[name](value, f"{where}{name}")


def _fitzpatrick(value, field):
    if not _is_int(value) or not 1 <= value <= 6:
        raise InvalidIntake(
            field, _("must be a whole number from 1 to 6, got %(value)s") % {"value": _show(value)}
        )
    return value


def _concerns(value, field):
    if not isinstance(value, list):
        raise InvalidIntake(
            field, _("must be a list of concerns, got %(kind)s") % {"kind": _kind(value)}
        )
    if not value:
        raise InvalidIntake(field, _("choose at least one concern"))
    seen = []
    for item in value:
        if not isinstance(item, str) or item not in CONCERNS:
            raise InvalidIntake(
                field,
                _("unknown concern %(value)s (expected one of: %(concerns)s)")
                % {"value": _show(item), "concerns": ", ".join(CONCERNS)},
            )
        if item in seen:
            raise InvalidIntake(field, _("%(value)s is listed twice") % {"value": _show(item)})
        seen.append(item)
    return tuple(seen)


def _downtime(value, field):
    if not _is_int(value) or value < 0:
        raise InvalidIntake(
            field,
            _("must be a whole number of days, 0 or more, got %(value)s") % {"value": _show(value)},
        )
    return value


def _health(value, field):
    if not isinstance(value, dict):
        raise InvalidIntake(
            field,
            _("must be an object of flags to true/false, got %(kind)s") % {"kind": _kind(value)},
        )
    flagged = set()
    for flag, answer in value.items():
        if flag not in HEALTH_FLAGS:
            raise InvalidIntake(f"{field}.{_name(flag)}", _("unknown health flag"))
        if not isinstance(answer, bool):
            raise InvalidIntake(
                f"{field}.{flag}",
                _("must be true or false, got %(value)s") % {"value": _show(answer)},
            )
        if answer:
            flagged.add(flag)
    return frozenset(flagged)


def _is_int(value):
    # JSON true/false arrive as bool, which Python counts as int.
    return isinstance(value, int) and not isinstance(value, bool)


def _kind(value):
    # "null" and "true/false" are JSON's own words, the same in every language.
    names = {dict: _("an object"), list: _("a list"), str: _("a string"), bool: "true/false"}
    if value is None:
        return "null"
    if type(value) in names:
        return names[type(value)]
    return _("a number") if isinstance(value, (int, float)) else _("a value")


def _name(key):
    # A key is echoed as typed when it is a plain name, else quoted so it stays on one line.
    return key if key.isidentifier() and len(key) <= 40 else _show(key)


def _show(value):
    # Echo the value as the user wrote it in JSON, cut short so one line stays one line.
    text = json.dumps(value, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


PARSERS = {
    "fitzpatrick": _fitzpatrick,
    "concerns": _concerns,
    "max_downtime_days": _downtime,
    "health": _health,
}
