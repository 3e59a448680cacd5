"""Upper bounds on amounts people type, set in US dollars and applied in their currency.

Five million a year is far past any salary in dollars, but nine million naira is a modest
one: a bound in a currency is the dollar bound at that currency's rate. While no currency
is named yet, the loosest bound (the currency with the most units per dollar) stands in
until the answer's currency is known, and the amounts are checked again then.
"""

from __future__ import annotations

from .currency import RATES
from .said import Money, Said, said

MAX_BASE_USD = 5_000_000
MAX_SIGN_ON_USD = 5_000_000
MAX_EQUITY_USD = 100_000_000
_MOST_UNITS = max(rate.per_usd for rate in RATES.values())


def bound(usd: float, currency: str | None) -> float:
    """`usd` in `currency`; with none named, the loosest any currency allows."""
    return usd * (RATES[currency].per_usd if currency else _MOST_UNITS)


def bound_words(usd: float, currency: str | None) -> Said:
    """ "5 million", or "5 million US dollars (NGN 7.7B)" for another currency."""
    millions = f"{usd / 1e6:g}"
    if currency in (None, "USD"):
        return said("{millions} million", millions=millions)
    return said(
        "{millions} million US dollars ({amount})",
        millions=millions,
        amount=Money(bound(usd, currency), currency),
    )
