"""What the domain said (bot/salary/said.py), worded in the reader's language."""

from __future__ import annotations

from bot.render.locale import ANSWER_LOCALE
from bot.render.names import name_of
from bot.render.words import words_for
from bot.salary.currency import currency_name, format_fraction, format_money, format_number
from bot.salary.said import Count, Currency, Decimal, Money, Name, Said


def word(message: Said | str, locale: str | None = None) -> str:
    """The key looked up in the reader's (or `locale`'s) catalog, its values filled in: money,
    counts and decimals in the reader's number format, currencies and choices by their names
    in the reader's words.
    Text that is already final (a source's published name) passes as it is."""
    if isinstance(message, str):
        return message
    where = locale if locale is not None else ANSWER_LOCALE.get()
    catalog = words_for(where)
    if message.plural is None:
        text = catalog.gettext(message.key)
    else:
        text = catalog.ngettext(message.key, message.plural, message.count or 0)
    if not message.values:
        return text  # a sentence with no blanks may hold braces a person typed
    return text.format(**{name: _value(v, where) for name, v in message.values.items()})


def _value(value: object, locale: str | None) -> str:
    if isinstance(value, Said):
        return word(value, locale)
    if isinstance(value, Money):
        return format_money(value.amount, value.currency, locale=locale)
    if isinstance(value, Count):
        return format_number(value.number, locale)
    if isinstance(value, Decimal):
        return format_fraction(value, locale)
    if isinstance(value, Currency):
        return currency_name(value.code, locale)
    if isinstance(value, Name):
        return name_of(value.kind, value.key, locale)
    return str(value)
