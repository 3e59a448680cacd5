"""Compact money is exactly Babel's, however it is cached."""

from __future__ import annotations

import copy
import random

import pytest
from babel import Locale
from babel.numbers import format_compact_currency

from bot.salary.compact import compact_money, shown_value, whole_money
from bot.salary.currency import format_money, money_locale

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


def _babel_whole(amount: float, currency: str, locale: Locale) -> str:
    pattern = copy.copy(locale.currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    return str(pattern.apply(round(amount), locale, currency=currency, currency_digits=False))


@pytest.mark.parametrize(
    "name", [*LOCALES, "es_ES", "ar_EG", "sv_SE", "da_DK", "ru_RU", "nl_NL", "it_IT"]
)
@pytest.mark.parametrize("currency", ["USD", "EUR", "INR", "CHF", "JPY"])
def test_whole_amounts_read_as_babels_standard_pattern_writes_them(
    name: str, currency: str
) -> None:
    locale = Locale.parse(name)
    for amount in [*amounts(), 7.0, 77_777.0, -7_777.0]:
        assert whole_money(amount, currency, locale) == _babel_whole(amount, currency, locale)


@pytest.mark.parametrize("locale", ["en-US", "de", "pt-BR", "pl", "ja", "hi", "es-ES", "ru"])
def test_money_skips_babels_compact_form_only_where_it_would_write_every_digit(
    locale: str,
) -> None:
    """format_money goes straight to the whole amount where the compact form has no short
    form; what it writes must be what Babel's compact form, then the whole amount, write."""
    for currency in ("USD", "EUR", "INR"):
        where = money_locale(locale, currency)
        for amount in [*amounts(), 9_999.4, 9_999.6, 10_000.0, 123.0]:
            text = format_compact_currency(amount, currency, locale=where, fraction_digits=0)
            if sum(c.isdigit() for c in text) < 2:
                text = format_compact_currency(amount, currency, locale=where, fraction_digits=1)
            if sum(c.isdigit() for c in text) >= 5:
                text = _babel_whole(amount, currency, where)
            assert format_money(amount, currency, locale=locale) == text, amount
