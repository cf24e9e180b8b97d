"""Fees in the clinic's currency, formatted for its locale by Babel (CLDR data), whole units."""

from babel import Locale, UnknownLocaleError
from babel.numbers import parse_pattern


def locale_in(language, clinic_locale):
    """The clinic's locale spoken in `language`: "es" at an "en_US" clinic writes "es_US"
    (US dollars as Spanish speakers in the US write them); the language alone where CLDR knows
    no such pair."""
    clinic = Locale.parse(clinic_locale)
    if clinic.language == language:
        return clinic_locale
    try:
        return str(Locale(language, clinic.territory))
    except (UnknownLocaleError, ValueError):
        return language


def format_money(amount, currency, locale):
    """1500, "EUR", "de_DE" -> "1.500 €": the locale's own currency pattern, no cents."""
    locale = Locale.parse(locale)
    pattern = parse_pattern(locale.currency_formats["standard"].pattern)
    pattern.frac_prec = (0, 0)  # fees are whole amounts; cents would only add noise
    return pattern.apply(amount, locale, currency=currency, currency_digits=False)


def format_range(low, high, currency, locale):
    if low == high:
        return format_money(low, currency, locale)
    return f"{format_money(low, currency, locale)}–{format_money(high, currency, locale)}"
