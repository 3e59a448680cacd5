import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.salary.currency import CURRENCIES, RATES, convert, format_money


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
        (184_250, "USD", "$184k"),
        (212_000, "CAD", "CA$212k"),
        (95_400, "EUR", "€95k"),
        (80_000, "GBP", "£80k"),
        (2_100_000, "INR", "₹2.1M"),
        (1_000_000, "USD", "$1M"),
        (999, "USD", "$999"),
        (-5_000, "USD", "-$5k"),
    ],
)
def test_compact_format(amount: float, ccy: str, text: str) -> None:
    assert format_money(amount, ccy) == text


def test_full_format_and_bad_code() -> None:
    assert format_money(184_250.4, "usd", compact=False) == "$184,250"
    with pytest.raises(KeyError):
        convert(1, "USD", "XYZ")
