"""Compact money is exactly Babel's, however it is cached."""

from __future__ import annotations

import random

import pytest
from babel import Locale
from babel.numbers import format_compact_currency

from bot.salary.compact import compact_money, shown_value

LOCALES = ["en_US", "en_IN", "de_DE", "fr_FR", "ja_JP", "pt_BR", "hi_IN", "pl_PL", "ko_KR"]
# Ties and carries: where rounding at a unit could go either way or reach the next magnitude.
EDGES = [
    0.0,
    999.5,
    1_500,
    2_500,
    9_500,
    95_500,
    99_950,
    999_500,
    999_999.5,
    1_000_000,
    1_234_567.5,
    9_999_999,
    -184_500,
]


def amounts() -> list[float]:
    rng = random.Random(12)
    spread = [rng.uniform(1, 1e9) for _ in range(300)]
    near = [
        rng.randint(900, 1100) * 10 ** rng.randint(0, 7) + rng.choice((0, 0.5)) for _ in range(200)
    ]
    return [*EDGES, *spread, *near]


@pytest.mark.parametrize("name", LOCALES)
@pytest.mark.parametrize("currency", ["USD", "EUR", "INR"])
def test_every_amount_reads_as_babel_writes_it(name: str, currency: str) -> None:
    locale = Locale.parse(name)
    for digits in (0, 1):
        for amount in amounts():
            expected = format_compact_currency(
                amount, currency, locale=locale, fraction_digits=digits
            )
            assert compact_money(amount, currency, locale, digits) == expected, (amount, digits)


def test_amounts_that_read_the_same_share_one_value() -> None:
    us = Locale.parse("en_US")
    assert shown_value(184_237.12, us, 0) == shown_value(183_951.0, us, 0)
    assert shown_value(184_237.12, us, 0) != shown_value(184_600.0, us, 0)
