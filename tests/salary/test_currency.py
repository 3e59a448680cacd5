import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.salary.currency import CURRENCIES, RATES, convert, format_money, local_currency


def test_article_rate_is_bank_of_canada_2023() -> None:
    assert RATES["CAD"].per_usd == 1.3497
    assert convert(1.0, "USD", "CAD") == pytest.approx(1.3497)
    assert all(r.year and r.source for r in RATES.values())


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
    assert [local_currency(c) for c in ("US", "CA", "DE", "GB", "IN", "JP", None)] == [
        "USD",
        "CAD",
        "EUR",
        "GBP",
        "INR",
        "USD",
        "USD",
    ]
