"""An offer weighed against the band: pure arithmetic, no Discord.

Rules the answers state:
  percentile   log-linear between the band's P10, P25, P50, P75 and P90; outside that the
               answer says "below P10" or "above P90" rather than guessing a tail
  table        base and bonus flat every year (no raises), bonus paid at target, equity at the
               grant value (flat stock price), sign-on paid in year one
  counter      under P65: P70, the middle of what a strong candidate can argue for (P65-P75),
               but at most 15% over the offer, since larger counters rarely land; inside
               P65-P75: P75; above P75: 5% more, capped at P90; above P90: the base as it is
               (ask for sign-on or equity instead). Never below the offer, rounded up to 1,000
"""

from __future__ import annotations

import math
from typing import Literal

from .offer_terms import Frozen, OfferTerms
from .results import Percentiles
from .said import Said, said

COMPARE_YEARS = 4  # "over four years", the usual grant length
QUANTILES = (10, 25, 50, 75, 90)
STRONG_RANGE = (65, 75)
STRONG_MIDDLE = 70
MAX_COUNTER_RAISE = 1.15
RAISE_ABOVE_P75 = 1.05

Position = Literal["below", "within", "above"]


class Placement(Frozen):
    percentile: float  # clamped to 10..90
    position: Position

    def label(self) -> str:
        """ "P40", "below P10": in English, as the history keeps it."""
        return str(self.text())

    def text(self) -> Said | str:
        """ "P40" as it is; "below P10" and "above P90" as messages to translate."""
        if self.position == "below":
            return said("below P10")
        if self.position == "above":
            return said("above P90")
        return f"P{math.floor(self.percentile + 0.5)}"


def percentile_of(value: float, band: Percentiles) -> Placement:
    """Where a yearly amount falls in the band, log-linear between its five points."""
    points = band.as_tuple()
    if value < points[0]:
        return Placement(percentile=10, position="below")
    if value > points[-1]:
        return Placement(percentile=90, position="above")
    for (q_lo, v_lo), (q_hi, v_hi) in zip(
        zip(QUANTILES, points, strict=True),
        zip(QUANTILES[1:], points[1:], strict=True),
        strict=True,
    ):
        if value <= v_hi:
            if v_hi <= v_lo:
                return Placement(percentile=q_hi, position="within")
            share = (math.log(value) - math.log(v_lo)) / (math.log(v_hi) - math.log(v_lo))
            return Placement(percentile=q_lo + share * (q_hi - q_lo), position="within")
    return Placement(percentile=90, position="within")


def value_at(percentile: float, band: Percentiles) -> float:
    """The amount at a percentile between P10 and P90, by the same log-linear rule."""
    if not QUANTILES[0] <= percentile <= QUANTILES[-1]:
        raise ValueError("percentile outside P10-P90")
    points = band.as_tuple()
    for i in range(len(QUANTILES) - 1):
        q_lo, q_hi = QUANTILES[i], QUANTILES[i + 1]
        if percentile <= q_hi:
            share = (percentile - q_lo) / (q_hi - q_lo)
            return math.exp(
                math.log(points[i]) + share * (math.log(points[i + 1]) - math.log(points[i]))
            )
    return points[-1]


class YearRow(Frozen):
    year: int
    base: float
    bonus: float
    equity: float
    sign_on: float

    @property
    def total(self) -> float:
        return self.base + self.bonus + self.equity + self.sign_on


def year_table(terms: OfferTerms, years: int | None = None) -> list[YearRow]:
    """Year by year over the vesting schedule (at least four years, to compare offers)."""
    vested = terms.vesting.vested_by_year()
    count = years if years is not None else max(COMPARE_YEARS, len(vested))
    return [
        YearRow(
            year=year,
            base=terms.base,
            bonus=terms.bonus,
            equity=terms.equity * (vested[year - 1] if year <= len(vested) else 0.0),
            sign_on=terms.sign_on if year == 1 else 0.0,
        )
        for year in range(1, count + 1)
    ]


CounterReason = Literal["under_strong", "in_strong", "above_strong", "top"]


class Counter(Frozen):
    ask: float
    strong_low: float  # P65
    strong_high: float  # P75
    reason: CounterReason
    aim: float  # what the rule aims at: P70, P75, 5% more, or the base itself above P90
    capped: bool  # the ask stopped short of the aim: at 15% over the offer, or at P90
    placement: Placement  # where the ask falls in the band, said beside it


def _round_up(value: float, step: float = 1000.0) -> float:
    return math.ceil(value / step - 1e-9) * step


def counter_offer(base: float, band: Percentiles) -> Counter:
    """A base to ask for, from the band, never below what is on the table."""
    low, high = (value_at(q, band) for q in STRONG_RANGE)
    top = band.p90
    reason: CounterReason
    if base >= top:
        aim, cap, reason = base, base, "top"
    elif base < low:
        aim, cap, reason = value_at(STRONG_MIDDLE, band), base * MAX_COUNTER_RAISE, "under_strong"
    elif base < high:
        aim, cap, reason = high, high, "in_strong"
    else:
        aim, cap, reason = base * RAISE_ABOVE_P75, top, "above_strong"
    ask = max(_round_up(min(aim, cap)), _round_up(base))
    return Counter(
        ask=ask,
        strong_low=low,
        strong_high=high,
        reason=reason,
        aim=aim,
        capped=cap < aim,
        # An ask capped at P90 and rounded up to the thousand still reads P90.
        placement=percentile_of(ask if reason == "top" else min(ask, top), band),
    )


class OfferReview(Frozen):
    terms: OfferTerms
    currency: str
    band: Percentiles
    placement: Placement
    rows: list[YearRow]
    counter: Counter

    @property
    def first_year(self) -> float:
        return self.rows[0].total

    @property
    def average_year(self) -> float:
        return sum(row.total for row in self.rows) / len(self.rows)

    @property
    def four_year(self) -> float:
        return sum(row.total for row in self.rows[:COMPARE_YEARS])


def review_offer(terms: OfferTerms, band: Percentiles, currency: str) -> OfferReview:
    return OfferReview(
        terms=terms,
        currency=currency,
        band=band,
        placement=percentile_of(terms.base, band),
        rows=year_table(terms),
        counter=counter_offer(terms.base, band),
    )


Winner = Literal["first", "second", "tie"]


def winner(first: float, second: float) -> Winner:
    """Which is larger; within half a percent is a tie, given the assumptions underneath."""
    if abs(first - second) <= 0.005 * max(first, second):
        return "tie"
    return "first" if first > second else "second"
