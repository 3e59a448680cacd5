"""Dated fixed exchange rates and compact money formatting.

All modelling happens in USD; answers are converted at fixed annual-average
rates so the same question always gets the same answer. The rates are 2023
annual averages, the year the article's Canadian figures refer to.
"""

from __future__ import annotations

from dataclasses import dataclass


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
SYMBOLS: dict[str, str] = {"USD": "$", "CAD": "CA$", "EUR": "€", "GBP": "£", "INR": "₹"}
CURRENCIES: tuple[str, ...] = tuple(RATES)


def normalise_code(code: str) -> str:
    """Upper-case ISO code; raises KeyError for unsupported currencies."""
    c = code.strip().upper()
    aliases = {
        "US$": "USD",
        "$": "USD",
        "C$": "CAD",
        "CA$": "CAD",
        "€": "EUR",
        "£": "GBP",
        "₹": "INR",
    }
    c = aliases.get(c, c)
    if c not in RATES:
        raise KeyError(code)
    return c


def convert(amount: float, from_: str, to: str) -> float:
    src, dst = normalise_code(from_), normalise_code(to)
    if src == dst:
        return amount
    return amount / RATES[src].per_usd * RATES[dst].per_usd


def format_money(amount: float, currency: str = "USD", compact: bool = True) -> str:
    """'$184k', 'CA$212k', '€95k', '£80k', '₹2.1M' (compact) or '$184,250'."""
    code = normalise_code(currency)
    sym = SYMBOLS[code]
    sign = "-" if amount < 0 else ""
    a = abs(amount)
    if not compact:
        return f"{sign}{sym}{a:,.0f}"
    if a >= 999_500:
        text = f"{a / 1e6:.1f}".rstrip("0").rstrip(".") + "M"
    elif a >= 1000:
        text = f"{a / 1e3:.0f}k"
    else:
        text = f"{a:.0f}"
    return f"{sign}{sym}{text}"


def rate_note(currency: str) -> str:
    r = RATES[normalise_code(currency)]
    if currency == "USD":
        return "amounts in US dollars"
    return f"converted at {r.per_usd:g} {currency} per USD ({r.source})"
