import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.salary.build.paths import AIJOBS_RAW, HMRC_RATES_RAW
from bot.salary.build.rates import build, hmrc_rates, posted_currencies, posting_rates
from bot.salary.currency import (
    CURRENCIES,
    RATES,
    convert,
    format_money,
    local_currency,
    suggest_currencies,
)
from bot.salary.paths import DATA_DIR
from bot.salary.rate_notes import no_rate_note


def test_every_rate_is_hmrcs_yearly_average_unless_the_postings_set_the_band() -> None:
    table = json.loads((DATA_DIR / "bands.json").read_text())
    posted = posted_currencies(table["countries"])
    assert posted == {"CAD", "GBP"}, "the UK's and Canada's bands rest mostly on postings"
    built = build(AIJOBS_RAW, HMRC_RATES_RAW, table["countries"])["rates"]
    assert set(RATES) == {"USD", *built}
    yearly = hmrc_rates(HMRC_RATES_RAW)
    # The franc: HMRC's units per pound over the dollar's, from the same 2025 table.
    assert RATES["CHF"].per_usd == yearly["CHF"] == pytest.approx(1.0976 / 1.3156, rel=1e-3)
    assert RATES["CHF"].year == 2025 and "HMRC yearly average" in RATES["CHF"].source
    # The pound: the rate the UK postings were converted at, as the index applied it.
    assert RATES["GBP"].per_usd == posting_rates(AIJOBS_RAW)["GBP"]["per_usd"]
    assert "aijobs.net" in RATES["GBP"].source
    assert all(r.year and r.source for r in RATES.values())
    assert {"CHF", "SEK", "PLN", "BRL", "NGN", "PKR", "CNY", "UAH"} <= set(CURRENCIES)


def test_the_two_sources_agree_where_both_have_a_currency_of_record() -> None:
    # Checked where the postings have many rows in 2025: within 10% of HMRC's average.
    postings = posting_rates(AIJOBS_RAW)
    yearly = hmrc_rates(HMRC_RATES_RAW)
    for code in ("CAD", "EUR", "GBP", "INR", "PLN"):
        assert postings[code]["rows"] >= 50
        assert postings[code]["per_usd"] / yearly[code] == pytest.approx(1.0, abs=0.1), code


def test_every_currency_with_a_rate_is_offered_most_used_first() -> None:
    offered = [code for _, code in suggest_currencies("", limit=1000)]
    assert sorted(offered) == sorted(CURRENCIES)
    # The currencies of the most postings and surveyed developers lead the menu.
    assert offered[0] == "USD" and {"EUR", "GBP", "CAD"} <= set(offered[:5])
    assert suggest_currencies("naira") == [("NGN · Nigerian Naira", "NGN")]
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
    countries = ("US", "CA", "DE", "GB", "IN", "JP", "CH", "SE", "BR", "PL", "NG", "PK", "CN")
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
        "NGN",
        "PKR",
        "CNY",
    ]


def test_countries_that_use_the_dollar_keep_it() -> None:
    # Ecuador and El Salvador use it alone; Panama's balboa is the dollar at par.
    assert [local_currency(c) for c in ("EC", "SV", "PA", None)] == ["USD"] * 4
    # Haiti's gourde is not at par: it stays the gourde.
    assert local_currency("HT") == "HTG"


def test_a_currency_without_a_rate_stays_in_dollars_and_says_so() -> None:
    assert local_currency("VE") == "USD"
    note = no_rate_note("VE")
    assert note is not None and "VES" in str(note) and "US dollars" in str(note)
    assert no_rate_note("NG") is None and no_rate_note("US") is None
