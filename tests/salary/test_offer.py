"""Offer arithmetic, checked by hand: amounts, vesting, percentiles, the year table, counters."""

from __future__ import annotations

import math

import pytest

from bot.salary.errors import QueryError
from bot.salary.offer import counter_offer, percentile_of, value_at, winner, year_table
from bot.salary.offer_terms import (
    Vesting,
    offer_currency,
    parse_amount,
    parse_offer,
    parse_vesting,
)
from bot.salary.results import Percentiles

# A band whose points are easy to take logs of by hand.
BAND = Percentiles.of([100_000, 120_000, 150_000, 200_000, 250_000])


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("185k", 185_000, None),
        ("185,000", 185_000, None),
        ("$185,000", 185_000, "USD"),
        ("1.2M", 1_200_000, None),
        ("150k EUR", 150_000, "EUR"),
        ("£95k", 95_000, "GBP"),
        ("CA$210,000", 210_000, "CAD"),
        ("₦9M", 9_000_000, "NGN"),
        ("R$ 240k", 240_000, "BRL"),
        ("120k PLN", 120_000, "PLN"),
        (" 185 000 ".replace(" 000", ",000"), 185_000, None),
    ],
)
def test_amounts_read_as_people_write_them(text: str, amount: float, currency: str | None) -> None:
    money = parse_amount("base", text)
    assert (money.amount, money.currency) == (amount, currency)


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"base": "-5k"}, "base", "negative"),
        ({"base": "$6M"}, "base", "5 million"),
        ({"base": "185"}, "base", "did you mean 185k"),
        ({"base": "lots"}, "base", "185k"),
        ({"base": "185k XYZ"}, "base", "Unsupported currency 'XYZ'"),
        ({"base": "185k", "bonus": "600%"}, "bonus", "500%"),
        ({"base": "100k", "bonus": "600k"}, "bonus", "500%"),
        ({"base": "185k", "equity": "-1"}, "equity", "negative"),
        ({"base": "185k", "equity": "$200M"}, "equity", "100 million"),
        ({"base": "185k", "sign_on": "€6M"}, "sign_on", "5 million US dollars (€4.5M)"),
        ({"base": "185k", "vesting": "30/30/30"}, "vesting", "adds up to 90%"),
        ({"base": "185k", "vesting": "50/50 36 month cliff"}, "vesting", "longer than"),
        ({"base": "185k", "vesting": "soon"}, "vesting", "25/25/25/25"),
        ({"base": "$185k", "sign_on": "€30k"}, "sign_on", "different currencies"),
        ({"base": "185k", "vesting": "nan"}, "vesting", "Couldn't read the vesting"),
        ({"base": "185k", "vesting": "NaN/NaN"}, "vesting", "Couldn't read the vesting"),
        ({"base": "185k", "vesting": "50/nan"}, "vesting", "Couldn't read the vesting"),
        ({"base": "185k", "vesting": "inf/0"}, "vesting", "Couldn't read the vesting"),
        ({"base": "185k", "vesting": "1e2"}, "vesting", "Couldn't read the vesting"),
        ({"base": "185k", "vesting": "-5/105"}, "vesting", "can't be negative"),
        ({"base": "185k", "vesting": "50/-50/100"}, "vesting", "can't be negative"),
        ({"base": "185k", "vesting": "1" * 6000}, "vesting", "too long (6000 characters)"),
        ({"base": "1" * 61}, "base", "too long (61 characters)"),
        ({"base": "185k", "bonus": "1" * 61}, "bonus", "too long"),
        ({"base": "185k", "equity": "1" * 61}, "equity", "too long"),
        ({"base": "185k", "sign_on": "1" * 61}, "sign_on", "too long"),
    ],
)
def test_bad_offers_are_refused_naming_the_field(
    kwargs: dict[str, str], field: str, words: str
) -> None:
    with pytest.raises(QueryError) as caught:
        parse_offer(**kwargs)
    assert caught.value.field == field
    assert words in caught.value.message


def test_bonus_as_percent_or_amount_and_equity_as_shares_times_price() -> None:
    terms = parse_offer(base="$185,000", bonus="15%", equity="2,000 shares x $50", sign_on="30k")
    assert terms.bonus == pytest.approx(27_750) and terms.bonus_percent == 15
    assert terms.equity == 100_000 and terms.sign_on == 30_000 and terms.currency == "USD"
    assert parse_offer(base="100k", bonus="12").bonus == pytest.approx(12_000)
    assert parse_offer(base="100k", bonus="25k").bonus_percent is None


def test_vesting_schedules_and_the_cliff() -> None:
    assert parse_vesting(None).vested_by_year() == (0.25, 0.25, 0.25, 0.25)
    assert parse_vesting("5/15/40/40").vested_by_year() == pytest.approx((0.05, 0.15, 0.4, 0.4))
    assert parse_vesting("33/33/22/12").vested_by_year() == pytest.approx((0.33, 0.33, 0.22, 0.12))
    # Thirds written as 33 each: scaled to 100.
    assert parse_vesting("33/33/33").vested_by_year() == pytest.approx((1 / 3,) * 3)
    assert parse_vesting("3 years").shares == pytest.approx((100 / 3,) * 3)
    # An 18-month cliff holds year one back; at month 18 the first 1.5 years vest, so the
    # end of year two holds 50%.
    assert parse_vesting("25/25/25/25 18 month cliff").vested_by_year() == (0, 0.5, 0.25, 0.25)
    assert parse_vesting("2 year cliff").vested_by_year() == (0, 0.5, 0.25, 0.25)
    assert parse_vesting("no cliff").cliff_months == 0
    # A dash between years separates them; only one opening a year is a minus.
    assert parse_vesting("25 - 25 - 25 - 25").shares == (25.0,) * 4
    assert parse_vesting("25-25-25-25").shares == (25.0,) * 4
    assert str(Vesting(shares=(25.0,) * 4, cliff_months=12).describe()) == "4 years, 1-year cliff"


def test_percentile_is_log_linear_between_the_band_points() -> None:
    assert percentile_of(150_000, BAND).label() == "P50"
    # The geometric mean of P50 and P75 is halfway between them: P62.5.
    assert percentile_of(math.sqrt(150_000 * 200_000), BAND).percentile == pytest.approx(62.5)
    # ln(110/100) / ln(120/100) = 0.5228: 10 + 0.5228 * 15 = 17.84.
    assert percentile_of(110_000, BAND).percentile == pytest.approx(17.84, abs=0.01)
    assert percentile_of(100_000, BAND).label() == "P10"
    assert percentile_of(99_000, BAND).label() == "below P10"
    assert percentile_of(251_000, BAND).label() == "above P90"
    # P70 = 150k x (200/150)^(20/25) = 150k x 1.25878.
    assert value_at(70, BAND) == pytest.approx(188_817, abs=1)
    assert percentile_of(value_at(70, BAND), BAND).percentile == pytest.approx(70)


def test_year_table_first_year_average_and_four_years() -> None:
    terms = parse_offer(base="185k", bonus="15%", equity="400k", sign_on="30k")
    rows = year_table(terms)
    # 185,000 + 27,750 + 100,000 + 30,000 in year one; no sign-on after.
    assert [row.total for row in rows] == pytest.approx([342_750, 312_750, 312_750, 312_750])
    back = year_table(parse_offer(base="200k", bonus="10%", equity="300k", vesting="5/15/40/40"))
    assert [row.equity for row in back] == pytest.approx([15_000, 45_000, 120_000, 120_000])
    assert sum(row.total for row in back) == pytest.approx(4 * 220_000 + 300_000)
    assert len(year_table(parse_offer(base="1M", vesting="3 years"))) == 4, "four years at least"


@pytest.mark.parametrize(
    ("base", "ask", "reason"),
    [
        # Under P65 (150k x (4/3)^0.6 = 178,260): P70 is 188,817 but at most 15% over 120k = 138,000.
        (120_000, 138_000, "under_strong"),
        # 170k x 1.15 = 195,500 is above P70, so P70 rounded up to the next thousand.
        (170_000, 189_000, "under_strong"),
        (180_000, 200_000, "in_strong"),
        # Above P75: 5% more, 220,500, rounded up.
        (210_000, 221_000, "above_strong"),
        (245_000, 250_000, "above_strong"),
        (260_000, 260_000, "top"),
    ],
)
def test_counter_offer_is_grounded_in_the_band_and_never_below(
    base: float, ask: float, reason: str
) -> None:
    counter = counter_offer(base, BAND)
    assert (counter.ask, counter.reason) == (ask, reason)
    assert counter.ask >= base
    assert counter.placement == percentile_of(min(ask, BAND.p90) if reason != "top" else ask, BAND)
    assert counter.strong_low == pytest.approx(178_260, abs=1)
    assert counter.strong_high == pytest.approx(200_000)


def test_currency_comes_from_the_amounts_unless_typed_otherwise() -> None:
    euros = parse_offer(base="€90k")
    assert offer_currency([euros], None, "USD") == "EUR"
    assert offer_currency([parse_offer(base="90k")], None, "GBP") == "GBP"
    with pytest.raises(QueryError, match="in EUR but the currency asked is USD"):
        offer_currency([euros], "USD", "USD")


def test_amounts_without_a_currency_are_bounded_in_the_answers_currency() -> None:
    # Nine million naira is a modest salary; nine million dollars is none.
    nine_million = parse_offer(base="9M")
    assert offer_currency([nine_million], None, "NGN") == "NGN"
    with pytest.raises(QueryError, match="over 5 million a year") as caught:
        offer_currency([nine_million], None, "USD")
    assert caught.value.field == "base"
    with pytest.raises(QueryError, match=r"over 5 million US dollars \(CHF4\.2M\)"):
        offer_currency([nine_million], None, "CHF")
    with pytest.raises(QueryError, match="sign-on bonus over 5 million"):
        offer_currency([parse_offer(base="90k", sign_on="6M")], None, "USD")
    assert offer_currency([parse_offer(base="90k", equity="200M")], None, "JPY") == "JPY"


def test_winner_calls_near_equal_a_tie() -> None:
    assert winner(100, 99.6) == "tie"
    assert winner(100, 90) == "first" and winner(90, 100) == "second"


def test_a_counter_says_when_it_stops_short_of_its_aim() -> None:
    # P70 (188,817) is 57% over 120k: the ask stops at 15% over the offer (138,000, P41).
    capped = counter_offer(120_000, BAND)
    assert capped.capped and capped.aim == pytest.approx(188_817, abs=1)
    assert capped.ask < capped.strong_low
    assert capped.placement.label() == percentile_of(138_000, BAND).label() == "P41"
    assert not counter_offer(170_000, BAND).capped
    # 5% over 245k passes P90 (250k): the ask is P90, and reads P90.
    top = counter_offer(245_000, BAND)
    assert top.capped and top.ask == 250_000 and top.placement.label() == "P90"


def test_a_long_vesting_is_refused_before_it_is_read() -> None:
    # Read whole, this text took seconds; it is refused on its length alone.
    with pytest.raises(QueryError, match="too long"):
        parse_vesting("1" * 6000 + " month cliff")
    with pytest.raises(QueryError, match="too long"):
        parse_vesting("25/25/25/25" + " " * 60)
