"""Compact money ("$184K") through Babel, formatted once per value it can show.

Babel's compact currency format costs about 60 µs, and an answer shows a dozen amounts
that are rarely the same float twice. But a compact form shows the amount only after
dividing it by its magnitude's unit and rounding (CLDR's algorithm, as Babel runs it):
every amount with the same unit and the same rounded figure reads the same. So the
amount is first reduced to that figure times its unit, and Babel formats each such value
once. Amounts a compact form shows in full (under a thousand; locales without a short
form for the magnitude) are passed on unchanged.
"""

from __future__ import annotations

import copy
import decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import NumberPattern, format_compact_currency, get_group_symbol, parse_pattern

FORMATS_KEPT = 8192  # distinct shown values: short strings


@lru_cache(maxsize=64)
def _units(locale: Locale) -> tuple[tuple[int, int | None], ...]:
    """Per magnitude, largest first, the unit its short pattern divides by (None: none)."""
    patterns = locale.compact_currency_formats["short"]["other"]
    units = []
    for magnitude in sorted((int(m) for m in patterns), reverse=True):
        digits = parse_pattern(patterns[str(magnitude)]).pattern
        units.append(
            (magnitude, None if digits == "0" else magnitude // 10 ** (digits.count("0") - 1))
        )
    return tuple(units)


def shown_value(amount: float, locale: Locale, fraction_digits: int) -> decimal.Decimal:
    """The amount as its compact form shows it: rounded at its magnitude's unit."""
    number = decimal.Decimal(str(amount))
    if not number.is_finite():
        return number
    for magnitude, unit in _units(locale):
        if abs(number) >= magnitude:
            if unit is None:
                return number
            return round(number / unit, fraction_digits) * unit
    return number


def shows_in_full(amount: float, locale: Locale) -> bool:
    """Whether the compact form writes this amount with every digit: no short form for its
    magnitude in this locale (German has none for thousands), or under a thousand."""
    for magnitude, unit in _units(locale):
        if abs(amount) >= magnitude:
            return unit is None
    return True


@lru_cache(maxsize=FORMATS_KEPT)
def _format(shown: decimal.Decimal, currency: str, locale: Locale, fraction_digits: int) -> str:
    return format_compact_currency(shown, currency, locale=locale, fraction_digits=fraction_digits)


def compact_money(amount: float, currency: str, locale: Locale, fraction_digits: int) -> str:
    """Exactly Babel's format_compact_currency(amount, ...), at a cached value's cost."""
    return _format(shown_value(amount, locale, fraction_digits), currency, locale, fraction_digits)


@lru_cache(maxsize=256)
def _whole_form(currency: str, locale: Locale) -> tuple[str, str, str, NumberPattern]:
    """What surrounds the digits of a whole amount in this locale and currency, and the
    symbol that groups them; with the pattern itself, for the rare negative amount."""
    pattern = copy.copy(locale.currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    prefix, _, suffix = pattern.apply(
        7, locale, currency=currency, currency_digits=False
    ).partition("7")
    return prefix, suffix, get_group_symbol(locale), pattern


def whole_money(amount: float, currency: str, locale: Locale) -> str:
    """The whole amount without cents ("116.425 €"), exactly as Babel's standard currency
    pattern writes it, for locales with no short form for thousands: Babel's own apply costs
    about 40 µs, and these amounts rarely repeat, so only the pattern's pieces are kept."""
    value = round(amount)
    prefix, suffix, symbol, pattern = _whole_form(currency, locale)
    if value < 0:
        return str(pattern.apply(value, locale, currency=currency, currency_digits=False))
    digits, groups = str(value), []
    size = pattern.grouping[0]
    while len(digits) > size:
        groups.append(digits[-size:])
        digits = digits[:-size]
        size = pattern.grouping[1]
    return prefix + symbol.join([digits, *reversed(groups)]) + suffix
