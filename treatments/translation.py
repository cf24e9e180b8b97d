"""The catalog's content in each language (django-modeltranslation): every field a patient reads
gets one field per language, `name_en`, `name_es`, ..., edited in the admin language by
language; what is not translated yet is shown in English.

History is registered here, after the translations, so that each entry records every language
(django-simple-history documents this order).
"""

import simple_history
from modeltranslation.translator import translator
from simple_history.models import HistoricalRecords

from treatments.models import (
    ConcernEfficacy,
    HealthRule,
    HistoryWithSources,
    ProcedureFamily,
    SkinTypeSuitability,
    Source,
    Treatment,
)

TRANSLATED_FIELDS = {
    Source: ("title",),
    ProcedureFamily: ("name", "description"),
    Treatment: ("name", "intensity_label", "description", "side_effects", "questions"),
    ConcernEfficacy: ("rationale",),
    SkinTypeSuitability: ("reason",),
    HealthRule: ("reason",),
}

for model, fields in TRANSLATED_FIELDS.items():
    translator.register(model, fields=fields)

for model in (Source, ProcedureFamily):
    simple_history.register(model, records_class=HistoricalRecords)
for model in (Treatment, ConcernEfficacy, SkinTypeSuitability, HealthRule):
    simple_history.register(model, records_class=HistoryWithSources)
