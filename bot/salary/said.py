"""What the domain says to a person: a message key and the facts that fill it, not a sentence.

The key is the English text with named blanks (`"No city pay figure for {city}."`), which is
also its id in the message catalogs; the render layer looks it up in the reader's language and
fills the blanks there, formatting money and numbers for the reader's locale and naming
currencies and choices in the reader's words. `str()` gives
the English sentence, for logs and for tests that read English.

Mark a key with `N_()` where it is written, so the catalogs' extraction finds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Union


def N_(key: str) -> str:
    """Marks a message key for the catalogs; the render layer translates it when shown."""
    return key


@dataclass(frozen=True, slots=True)
class Money:
    """An amount to show in the reader's number format."""

    amount: float
    currency: str

    def __str__(self) -> str:
        from .currency import format_money  # lazily: the store reads fields.py, not Babel

        return format_money(self.amount, self.currency, locale=None)


@dataclass(frozen=True, slots=True)
class Count:
    """A whole number to show with the reader's digit grouping."""

    number: int

    def __str__(self) -> str:
        from .currency import format_number

        return format_number(self.number, None)


@dataclass(frozen=True, slots=True)
class Decimal:
    """A number with a fractional part ("0.8906", "1.44", "+3.4"), shown with the reader's
    decimal sign and no digit grouping, as rates and ratios are quoted."""

    number: float
    places: int  # digits after the decimal sign
    trimmed: bool = False  # trailing zeros dropped: "1.4" and "2", not "1.40" and "2.00"
    signed: bool = False  # a plus sign before a gain

    def __str__(self) -> str:
        from .currency import format_fraction

        return format_fraction(self, None)


@dataclass(frozen=True, slots=True)
class Currency:
    """A currency by its ISO code, named in the reader's language ("Venezuelan Bolívar")."""

    code: str

    def __str__(self) -> str:
        from .currency import currency_name

        return currency_name(self.code)


CITY = "city"


@dataclass(frozen=True, slots=True)
class Name:
    """A taxonomy choice (role, level, location, ...) by its key, named in the reader's words;
    kind "city" names a city's location key by the city alone ("Munich")."""

    kind: str
    key: str

    def __str__(self) -> str:
        from .taxonomy import city_of, label

        if self.kind == CITY:
            return city_of(label("location", self.key))
        return label(self.kind, self.key)


Value = Union[str, int, float, Money, Count, Decimal, Currency, Name, "Said"]


@dataclass(frozen=True, slots=True)
class Said:
    """A message key and its values; a value may itself be a Said, worded in turn."""

    key: str
    values: Mapping[str, Value] = field(default_factory=dict)
    # The plural key and the value that picks the form, for messages that count something.
    plural: str | None = None
    count: int | None = None

    def __str__(self) -> str:
        key = self.key if self.plural is None or self.count == 1 else self.plural
        if not self.values:
            return key  # a sentence with no blanks may hold braces a person typed
        return key.format(**{name: str(value) for name, value in self.values.items()})

    def __hash__(self) -> int:
        return hash((self.key, self.plural, self.count, tuple(sorted(map(str, self.values)))))


def said(key: str, /, **values: Value) -> Said:
    """`key` (marked with N_ where written) with its named values."""
    return Said(key, values)


def said_plural(singular: str, plural: str, count: int, /, **values: Value) -> Said:
    """A message whose wording depends on `count`; `{count}` is filled with it."""
    return Said(singular, {"count": Count(count), **values}, plural=plural, count=count)
