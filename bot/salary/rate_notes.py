"""What an answer says about its currency: the rate that converted it, or that none exists."""

from __future__ import annotations

import re
from functools import lru_cache

from .currency import RATES, normalise_code, own_currency
from .said import Count, Currency, Decimal, Said, said

# The two kinds of rate the build records (build/rates.py), worded in the reader's language;
# the publishers' names stay as published.
_HMRC = re.compile(r"HMRC yearly average, January-December (\d{4})")
_INDEX = re.compile(r"aijobs\.net salary index, (\d{4}) rate of its ([\d,]+) (\w+) rows")


def rate_note(currency: str) -> Said:
    """Which rate converted the answer, and whose it is."""
    if currency == "USD":
        return said("Amounts in US dollars.")
    rate = RATES[normalise_code(currency)]
    return said(
        "Converted at {rate} {currency} per USD ({source}).",
        # Rates carry at most four significant digits (build/rates.py): all of them shown.
        rate=Decimal(rate.per_usd, 6, trimmed=True),
        currency=currency,
        source=rate_source(rate.source),
    )


@lru_cache(maxsize=64)
def rate_source(source: str) -> Said | str:
    """ "HMRC yearly average, January-December 2025" as a message; other sources as written."""
    if found := _HMRC.fullmatch(source):
        return said(
            "{publisher} yearly average, January-December {year}", publisher="HMRC", year=found[1]
        )
    if found := _INDEX.fullmatch(source):
        return said(
            "{publisher}, {year} rate of its {count} {currency} rows",
            publisher="aijobs.net salary index",
            year=found[1],
            count=Count(int(found[2].replace(",", ""))),
            currency=found[3],
        )
    return source


def no_rate_note(country: str | None) -> Said | None:
    """Says so when a country's own currency has no rate and the answer is in US dollars."""
    code = own_currency(country)
    if code is None or code in RATES:
        return None
    return said(
        "No exchange rate for the {currency} ({code}) in the data: amounts are in US dollars.",
        currency=Currency(code),
        code=code,
    )
