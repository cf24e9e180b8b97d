"""Consent texts in each language (django-modeltranslation): a version is one text, written in
every language patients may answer in; an intake records the language its patient read."""

from modeltranslation.translator import TranslationOptions, register

from intake.models import ConsentText


@register(ConsentText)
class ConsentTextTranslation(TranslationOptions):
    fields = ("text",)
