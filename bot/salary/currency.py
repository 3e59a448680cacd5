"""Dated fixed exchange rates and compact money formatting.

All modelling happens in USD; answers are converted at fixed annual-average
rates so the same question always gets the same answer. The rates are 2023
annual averages, the year the article's Canadian figures refer to.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from .compact import compact_money


@dataclass(frozen=True, slots=True)
class Rate:
    per_usd: float  # units of the currency for one US dollar
    year: int
    source: str


RATES: dict[str, Rate] = {
    "USD": Rate(1.0, 2023, "base currency"),
    "CAD": Rate(1.3497, 2023, "Bank of Canada, 2023 annual average USD/CAD"),
    # FRED AEXUSEU 2023 annual average: 1.0813 USD per EUR.
    "EUR": Rate(
        round(1 / 1.0813, 4), 2023, "US Federal Reserve (FRED AEXUSEU), 2023 annual average"
    ),
    # FRED AEXUSUK 2023 annual average: 1.2435 USD per GBP.
    "GBP": Rate(
        round(1 / 1.2435, 4), 2023, "US Federal Reserve (FRED AEXUSUK), 2023 annual average"
    ),
    "INR": Rate(82.60, 2023, "US Federal Reserve (FRED AEXINUS), 2023 annual average"),
}
CURRENCIES: tuple[str, ...] = tuple(RATES)
DEFAULT_LOCALE = Locale("en", "US")

# The euro area's members (European Central Bank, 2023: Croatia joined on 1 January 2023).
EURO_AREA = frozenset(
    [
        "AT",
        "BE",
        "CY",
        "DE",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PT",
        "SI",
        "SK",
    ]
)
LOCAL_CURRENCY = {"US": "USD", "CA": "CAD", "GB": "GBP", "IN": "INR"} | dict.fromkeys(
    EURO_AREA, "EUR"
)


def local_currency(country: str | None) -> str:
    """The currency an answer for this country is given in when none was asked for.

    Countries whose currency the bot has no rate for are answered in US dollars.
    """
    return LOCAL_CURRENCY.get(country or "", "USD")


# Symbols people type for a currency; codes are matched upper-cased.
SYMBOLS = {
    "US$": "USD",
    "$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
}


def normalise_code(code: str) -> str:
    """Upper-case ISO code; raises KeyError for unsupported currencies."""
    if code in RATES:
        return code  # the common case: a code the bot wrote itself
    c = code.strip().upper()
    c = SYMBOLS.get(c, c)
    if c not in RATES:
        raise KeyError(code)
    return c


def convert(amount: float, from_: str, to: str) -> float:
    src, dst = normalise_code(from_), normalise_code(to)
    if src == dst:
        return amount
    return amount / RATES[src].per_usd * RATES[dst].per_usd


@lru_cache(maxsize=256)
def money_locale(locale: str | None, currency: str) -> Locale:
    """The Babel locale for an answer: the person's, else US English.

    Rupees in English read best in lakh and crore, as Indian English writes them.
    """
    try:
        parsed = Locale.parse(str(locale).replace("-", "_")) if locale else DEFAULT_LOCALE
    except (ValueError, UnknownLocaleError):
        parsed = DEFAULT_LOCALE
    if currency == "INR" and parsed.language == "en":
        return Locale("en", "IN")
    return parsed


def _digits(text: str) -> int:
    return sum(char.isdigit() for char in text)


# Answers repeat the same amounts (one band, many askers): Babel's lookups are worth keeping.
@lru_cache(maxsize=8192)
def format_money(
    amount: float, currency: str = "USD", compact: bool = True, locale: str | None = None
) -> str:
    """'$184K', 'CA$212K', '€95K', '₹21L' (compact, in the locale's words) or '$184,250'."""
    code = normalise_code(currency)
    where = money_locale(locale, code)
    if compact:
        text = compact_money(amount, code, where, 0)
        if _digits(text) < 2:
            # "$2M" says too little: one decimal keeps two significant digits.
            text = compact_money(amount, code, where, 1)
        if _digits(text) < 5:
            return text
        # Some locales have no short form for thousands: the whole amount, without cents.
    pattern = copy.copy(where.currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    return pattern.apply(round(amount), where, currency=code, currency_digits=False)


@lru_cache(maxsize=4096)  # counts: sample sizes and the like repeat
def format_number(value: float, locale: str | None = None) -> str:
    """A count as the person's locale writes it ("1,234")."""
    return format_decimal(value, locale=money_locale(locale, "USD"))


def rate_note(currency: str) -> str:
    r = RATES[normalise_code(currency)]
    if currency == "USD":
        return "amounts in US dollars"
    return f"converted at {r.per_usd:g} {currency} per USD ({r.source})"
