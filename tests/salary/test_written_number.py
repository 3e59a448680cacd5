"""Numbers and amounts as English, German, Portuguese and Indian English write them."""

from __future__ import annotations

import pytest

from bot.salary.community import parse_amount
from bot.salary.offer_terms import parse_offer
from bot.salary.written_number import read_number


@pytest.mark.parametrize(
    ("text", "scaled", "number"),
    [
        ("185000", False, 185_000),
        ("185,000", False, 185_000),
        ("185.000", False, 185_000),  # German and Portuguese thousands
        ("185 000", False, 185_000),
        ("185'000", False, 185_000),  # Swiss
        ("92.500,50", False, 92_500.5),
        ("185,000.50", False, 185_000.5),
        ("1,23,456", False, 123_456),  # lakh grouping
        ("1.234.567", False, 1_234_567),
        ("1,2", True, 1.2),  # a decimal comma before M
        ("1.2", True, 1.2),
        ("1,250", True, 1.25),  # "1,250M" is 1.25 million
        ("1,250", False, 1_250),
        (".5", True, 0.5),
    ],
)
def test_separators_say_which_are_thousands_and_which_decimals(
    text: str, scaled: bool, number: float
) -> None:
    assert read_number(text, scaled=scaled) == number


@pytest.mark.parametrize("text", ["12,34,5", "1.2.3", "1,000.000,5"])
def test_separators_that_make_no_sense_read_as_nothing(text: str) -> None:
    assert read_number(text) is None


@pytest.mark.parametrize(
    ("typed", "amount", "currency"),
    [
        ("185.000 €", 185_000, "EUR"),
        ("1,2 Mio. €", 1_200_000, "EUR"),
        ("R$ 250 mil", 250_000, "BRL"),
        ("R$ 250.000", 250_000, "BRL"),
        ("$185,000", 185_000, "USD"),
        ("1,2M", 1_200_000, None),  # once read as 12 million
    ],
)
def test_an_offer_reads_amounts_as_its_reader_writes_them(
    typed: str, amount: float, currency: str | None
) -> None:
    terms = parse_offer(base=typed)
    assert (terms.base, terms.currency) == (amount, currency)


def test_a_shared_figure_reads_european_thousands_and_decimal_commas() -> None:
    assert parse_amount("base", "180.000", required=True) == 180_000
    assert parse_amount("base", "1,2m", required=True) == 1_200_000
    assert parse_amount("base", "$180 000", required=True) == 180_000
