import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.salary.build.paths import AIJOBS_RAW
from bot.salary.build.rates import build
from bot.salary.currency import (
    CURRENCIES,
    RATES,
    convert,
    format_money,
    local_currency,
    no_rate_note,
    suggest_currencies,
)


def test_rates_are_the_ones_the_postings_were_converted_at() -> None:
    # The rate of each currency is salary / salary_in_usd of the aijobs rows, latest year.
    table = build(AIJOBS_RAW)["rates"]
    assert set(RATES) == {"USD", *table}
    assert RATES["CHF"].per_usd == table["CHF"]["per_usd"] == 0.88
    assert RATES["CHF"].year == 2025 and "aijobs.net" in RATES["CHF"].source
    assert convert(1.0, "USD", "CAD") == pytest.approx(table["CAD"]["per_usd"])
    assert all(r.year and r.source for r in RATES.values())
    assert {"CHF", "SEK", "PLN", "BRL", "AUD", "JPY", "SGD"} <= set(CURRENCIES)


def test_every_currency_with_a_rate_is_offered() -> None:
    assert [code for _, code in suggest_currencies("", limit=100)] == sorted(CURRENCIES)
    assert suggest_currencies("swiss") == [("CHF · Swiss Franc", "CHF")]
    assert suggest_currencies("zzz") == []


@given(
    amount=st.floats(min_value=0, max_value=1e9, allow_nan=False),
    a=st.sampled_from(CURRENCIES),
    b=st.sampled_from(CURRENCIES),
)
def test_round_trip(amount: float, a: str, b: str) -> None:
    assert convert(convert(amount, a, b), b, a) == pytest.approx(amount, rel=1e-9, abs=1e-6)


@pytest.mark.parametrize(
    ("amount", "ccy", "text"),
    [
        (184_250, "USD", "$184K"),
        (212_000, "CAD", "CA$212K"),
        (95_400, "EUR", "€95K"),
        (80_000, "GBP", "£80K"),
        # Rupees in lakh and crore, as Indian English writes them.
        (2_100_000, "INR", "₹21L"),
        (240_000_000, "INR", "₹24Cr"),
        (1_000_000, "USD", "$1M"),
        (2_400_000, "USD", "$2.4M"),
        (999, "USD", "$999"),
        (-5_000, "USD", "-$5K"),
    ],
)
def test_compact_format(amount: float, ccy: str, text: str) -> None:
    assert format_money(amount, ccy) == text


def test_full_format_and_bad_code() -> None:
    assert format_money(184_250.4, "usd", compact=False) == "$184,250"
    with pytest.raises(KeyError):
        convert(1, "USD", "XYZ")


@pytest.mark.parametrize(
    ("locale", "amount", "ccy", "text"),
    [
        ("de", 95_400, "EUR", "95.400\xa0€"),
        ("fr", 95_400, "EUR", "95\xa0k\xa0€"),
        ("en-GB", 80_000, "GBP", "£80k"),
        ("en-US", 2_400_000, "INR", "₹24L"),
        ("xx-nowhere", 184_250, "USD", "$184K"),
    ],
)
def test_money_in_the_readers_locale(locale: str, amount: float, ccy: str, text: str) -> None:
    assert format_money(amount, ccy, locale=locale) == text


def test_local_currency_follows_the_country() -> None:
    countries = ("US", "CA", "DE", "GB", "IN", "JP", "CH", "SE", "BR", "PL", "EC", None)
    assert [local_currency(c) for c in countries] == [
        "USD",
        "CAD",
        "EUR",
        "GBP",
        "INR",
        "JPY",
        "CHF",
        "SEK",
        "BRL",
        "PLN",
        "USD",  # Ecuador uses the US dollar
        "USD",
    ]


def test_a_currency_without_a_rate_stays_in_dollars_and_says_so() -> None:
    assert local_currency("NG") == "USD"
    note = no_rate_note("NG")
    assert note is not None and "NGN" in note and "US dollars" in note
    assert no_rate_note("CH") is None and no_rate_note("US") is None
