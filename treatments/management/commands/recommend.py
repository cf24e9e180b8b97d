"""`python manage.py recommend FILE|-`: intake JSON in, recommendation JSON out."""

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from treatments.catalog import current_catalog
from treatments.rules import recommend
from treatments.validation import InvalidIntake, parse_intake


class Command(BaseCommand):
    help = (
        "Reads one intake (a JSON object) or a batch (a JSON array of objects) from FILE or "
        "from standard input ('-') and prints the recommendations as JSON."
    )

    # call_command(..., stdin=...) lets tests feed standard input.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="FILE", help="intake JSON file, or - for stdin")
        parser.add_argument(
            "--language",
            choices=[code for code, _ in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="the language of the reasons (default: %(default)s)",
        )

    def handle(self, *args, source, language, **options):
        with translation.override(language):
            self._recommend(source, options)

    def _recommend(self, source, options):
        data = _read_json(source, options.get("stdin") or sys.stdin)
        try:
            if isinstance(data, list):
                batch = [parse_intake(item, where=f"[{i}].") for i, item in enumerate(data)]
            else:
                batch = parse_intake(data)
        except InvalidIntake as error:
            raise CommandError(f"invalid intake: {error}", returncode=2) from None
        except RecursionError:
            raise CommandError("invalid intake: nested too deeply", returncode=2) from None
        catalog = current_catalog()
        if isinstance(batch, list):
            result = [recommend(answers, catalog, translation) for answers in batch]
        else:
            result = recommend(batch, catalog, translation)
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))


def _read_json(source, stdin):
    try:
        if source == "-":
            text = stdin.read()
        else:
            with open(source, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as error:
        raise CommandError(f"cannot read {source}: {error.strerror}", returncode=2) from None
    except UnicodeDecodeError:
        raise CommandError(f"cannot read {source}: not UTF-8 text", returncode=2) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}",
            returncode=2,
        ) from None
    except (ValueError, RecursionError):
        # Nested too deeply or a number too long to read: still bad input, not a crash.
        raise CommandError(
            "malformed JSON: nested too deeply or a number too long to read", returncode=2
        ) from None
