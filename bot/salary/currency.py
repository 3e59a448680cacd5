"""Dated yearly exchange rates and compact money formatting.

All modelling happens in USD; answers are converted at fixed yearly rates so the same
question always gets the same answer. Each rate carries its year and source
(build/rates.py): HMRC's yearly average for 2025, or, for a currency whose country's band
rests mostly on postings, the rate the aijobs.net index converted those postings at. A
country's own currency is the one CLDR (Babel) lists as in use there; where the bot has no
rate for it, answers stay in US dollars and say so.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal, get_currency_name, get_territory_currencies

from .compact import compact_money, shows_in_full, whole_money
from .paths import DATA_DIR

if TYPE_CHECKING:
    from .said import Decimal


@dataclass(frozen=True, slots=True)
class Rate:
    per_usd: float  # units of the currency for one US dollar
    year: int
    source: str


_TABLE = json.loads((DATA_DIR / "rates.json").read_text("utf-8"))


def _load_rates(table: dict[str, Any]) -> dict[str, Rate]:
    latest = max(int(rec["year"]) for rec in table["rates"].values())
    rates = {"USD": Rate(1.0, latest, "base currency")}
    for code, rec in table["rates"].items():
        rates[code] = Rate(float(rec["per_usd"]), int(rec["year"]), str(rec["source"]))
    return rates


RATES: dict[str, Rate] = _load_rates(_TABLE)
CURRENCIES: tuple[str, ...] = tuple(RATES)
# Postings and surveyed developers of the countries using each currency: menus list the
# currencies most members are paid in first.
_PEOPLE: dict[str, int] = {code: int(n) for code, n in _TABLE["people"].items()}
DEFAULT_LOCALE = Locale("en", "US")


@lru_cache(maxsize=512)
def own_currency(country: str | None) -> str | None:
    """The currency in use in a country today (CLDR), whether or not the bot has a rate."""
    if not country:
        return None
    try:
        codes = get_territory_currencies(country, tender=True)
    except Exception:  # an unknown territory code: no currency to name
        return None
    if not codes:
        return None
    # Panama's balboa is the dollar at par, and the dollar is what people are paid in there.
    at_par = codes[0] in RATES and RATES[codes[0]].per_usd == 1.0
    return "USD" if "USD" in codes[1:] and at_par else codes[0]


def local_currency(country: str | None) -> str:
    """The currency an answer for this country is given in when none was asked for.

    Countries whose currency the bot has no rate for are answered in US dollars.
    """
    code = own_currency(country)
    return code if code in RATES else "USD"


def currency_name(code: str, locale: str | None = None) -> str:
    """ "Swiss Franc" (English, for menus), or the name in a reader's language ("Schweizer
    Franken")."""
    return str(get_currency_name(code, locale=money_locale(locale, "USD") if locale else "en"))


# Symbols people type for a currency; codes are matched upper-cased.
SYMBOLS = {
    "US$": "USD",
    "$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "A$": "AUD",
    "R$": "BRL",
    "¥": "JPY",
    "S$": "SGD",
    "ZŁ": "PLN",
    "NZ$": "NZD",
    "HK$": "HKD",
    "MX$": "MXN",
    "CN¥": "CNY",
    "₦": "NGN",
    "₴": "UAH",
    "₩": "KRW",
    "₺": "TRY",
    "₱": "PHP",
    "₪": "ILS",
    "₫": "VND",
}
# The symbols as a regular expression, longest first so "CA$" is not read as "$".
SYMBOL_PATTERN = "(?i:{})".format(
    "|".join(re.escape(symbol) for symbol in sorted(SYMBOLS, key=len, reverse=True))
)


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


# A compact form with this many digits or more reads as the whole amount instead.
FULL_DIGITS = 5
FULL_FROM = 10 ** (FULL_DIGITS - 1)


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
    # Where the locale has no short form for the amount's magnitude (German thousands), the
    # compact form would write every digit: the whole amount is written at once instead.
    if compact and (abs(amount) < FULL_FROM or not shows_in_full(amount, where)):
        text = compact_money(amount, code, where, 0)
        if _digits(text) < 2:
            # "$2M" says too little: one decimal keeps two significant digits.
            text = compact_money(amount, code, where, 1)
        if _digits(text) < FULL_DIGITS:
            return text
        # Some locales have no short form for thousands: the whole amount, without cents.
    return whole_money(amount, code, where)


@lru_cache(maxsize=4096)  # counts: sample sizes and the like repeat
def format_number(value: float, locale: str | None = None) -> str:
    """A count as the person's locale writes it ("1,234")."""
    return format_decimal(value, locale=money_locale(locale, "USD"))


@lru_cache(maxsize=1024)  # the same rates and ratios recur in every answer
def format_fraction(value: Decimal, locale: str | None = None) -> str:
    """A rate or ratio ("0.8906", "1.44", "+3.4") with the locale's decimal sign, ungrouped."""
    digits = ("#" if value.trimmed else "0") * value.places
    body = f"0.{digits}" if digits else "0"
    pattern = f"+{body};-{body}" if value.signed else body
    # Rounded here as Python rounds the float, so "1.435" reads as "%.2f" writes it.
    shown = round(value.number, value.places)
    return format_decimal(shown, format=pattern, locale=money_locale(locale, "USD"))


def suggest_currencies(text: str, limit: int = 25) -> list[tuple[str, str]]:
    """Autocomplete: (label, code) for every currency with a rate, codes first, then names.

    Among equals, the currencies most members are paid in come first.
    """
    typed = text.strip().upper()
    ranked = []
    for code in CURRENCIES:
        name = currency_name(code)
        if not typed or code.startswith(typed):
            rank = 0
        elif typed in name.upper():
            rank = 1
        else:
            continue
        ranked.append((rank, -_PEOPLE.get(code, 0), code, f"{code} · {name}"))
    ranked.sort()
    return [(label, code) for *_, code, label in ranked[:limit]]
