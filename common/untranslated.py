"""Translatable content (django-modeltranslation) not yet translated: what a patient reading
another language sees in English meanwhile, for editors to translate."""

from typing import NamedTuple

from django.conf import settings
from django.db.models import Q
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname


class Missing(NamedTuple):
    row: object  # the model instance
    field: str  # the field's verbose name


def untranslated():
    """[(language name, [Missing, ...])] for each language offered besides English: the rows
    whose English text in a field has no translation. One query per translated field and
    language, whatever the number of rows."""
    # The language content is written in first, which the others fall back to.
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    report = []
    for code, name in settings.LANGUAGES:
        if code == default:
            continue
        missing = []
        for model in translator.get_registered_models(abstract=False):
            for field in translator.get_options_for_model(model).local_fields:
                english = build_localized_fieldname(field, default)
                translated = build_localized_fieldname(field, code)
                rows = (
                    model._base_manager.select_related()
                    .exclude(blank(english))
                    .filter(blank(translated))
                )
                label = model._meta.get_field(field).verbose_name
                missing += [Missing(row, label) for row in rows]
        report.append((name, missing))
    return report


def blank(field):
    return Q(**{field: ""}) | Q(**{f"{field}__isnull": True})
