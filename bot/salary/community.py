"""Community pay pools: when a pooled band may be shown, and what is held back.

Pure rules, no store: the caller hands in the submissions of one cell (role, level, place)
and gets either a rounded band or nothing. A band is shown only when

* at least k different people back it (k is never below MIN_K), counting one figure per
  person, their latest;
* it is given as rounded percentiles, never a single figure;
* it cannot be subtracted from a smaller pool that is also shown: a shared pool that differs
  from one of its servers' own pools by fewer than k people would reveal those few people, so
  it is suppressed (the subtraction case).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import QueryError
from .said import N_, Said, said
from .written_number import NUMBER_PATTERN, read_number

MIN_K = 5
# Percentiles are rounded to this many US dollars, so no band repeats anyone's exact figure.
ROUND_USD = 5_000.0
# The open data's bands hold P10 and P90; with log-normal pay, P1 and P99 lie this many times
# further from the median (z 2.326 against z 1.2816).
TAIL_STRETCH = 2.3263 / 1.2816
# "By a wide margin": a figure twice beyond the data's P1-P99 is held back for review.
WIDE_MARGIN = 2.0
# Bonus or equity this many times the base contradicts a salaried role; held back.
MAX_BONUS_SHARE = 3
MAX_EQUITY_SHARE = 10
MAX_AMOUNT = 100_000_000.0

# Why a submission is held back. The store keeps the English sentence (str of the Said), so
# rows stored before these were message keys read the same; render finds the key again.
BONUS_OVER = said("a bonus over {times} times the base", times=MAX_BONUS_SHARE)
EQUITY_OVER = said("equity over {times} times the base", times=MAX_EQUITY_SHARE)
BASE_BELOW = said("a base far below anything in the open data for this role and place")
BASE_ABOVE = said("a base far above anything in the open data for this role and place")
HELD_REASONS = (BONUS_OVER, EQUITY_OVER, BASE_BELOW, BASE_ABOVE)
# The amounts a person types, as a message names them.
AMOUNT_NAMES = {"base": N_("base"), "bonus": N_("bonus"), "equity": N_("equity")}


@dataclass(frozen=True)
class PoolEntry:
    """One submission as pooling sees it: a pseudonym, where it came from, money in USD."""

    person: str
    guild_id: int
    base: float
    total: float
    year: int


@dataclass(frozen=True)
class PoolBand:
    """A pooled band that passed every rule; money in USD, rounded."""

    people: int
    base: tuple[float, float, float]  # P25, P50, P75
    total: tuple[float, float, float]
    first_year: int
    last_year: int


def effective_k(k: int) -> int:
    """The k in force: a setting may raise it, never lower it below MIN_K."""
    return max(MIN_K, k)


def latest_per_person(entries: Iterable[PoolEntry]) -> list[PoolEntry]:
    """One figure per person, their most recent: nobody counts twice towards k."""
    latest: dict[str, PoolEntry] = {}
    for entry in entries:
        kept = latest.get(entry.person)
        if kept is None or entry.year > kept.year:
            latest[entry.person] = entry
    return list(latest.values())


def percentile(values: Sequence[float], q: float) -> float:
    """Linear interpolation between the closest ranks (the usual "type 7")."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def rounded(amount: float) -> float:
    return round(amount / ROUND_USD) * ROUND_USD


def _quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    p25, p50, p75 = (rounded(percentile(values, q)) for q in (0.25, 0.5, 0.75))
    return (p25, p50, p75)


def band_of(entries: Iterable[PoolEntry], k: int) -> PoolBand | None:
    """The rounded band of one pool, or None below k different people."""
    people = latest_per_person(entries)
    if len(people) < effective_k(k):
        return None
    years = [entry.year for entry in people]
    return PoolBand(
        people=len(people),
        base=_quartiles([entry.base for entry in people]),
        total=_quartiles([entry.total for entry in people]),
        first_year=min(years),
        last_year=max(years),
    )


def subtracts_safely(inner: set[str], outer: set[str], k: int) -> bool:
    """Whether showing both pools keeps their difference at zero or at least k people."""
    extra = len(outer - inner)
    return extra == 0 or extra >= effective_k(k)


def server_band(entries: Iterable[PoolEntry], guild_id: int, k: int) -> PoolBand | None:
    """A server's own pool: its members' submissions only."""
    return band_of((entry for entry in entries if entry.guild_id == guild_id), k)


def shared_band(entries: Iterable[PoolEntry], k: int) -> PoolBand | None:
    """The pool of every opted-in server, unless a server's own pool would subtract from it."""
    everyone = latest_per_person(entries)
    band = band_of(everyone, k)
    if band is None:
        return None
    outer = {entry.person for entry in everyone}
    for guild_id in {entry.guild_id for entry in everyone}:
        own = [entry for entry in everyone if entry.guild_id == guild_id]
        if band_of(own, k) is None:
            continue  # never shown on its own, so there is nothing to subtract
        if not subtracts_safely({entry.person for entry in own}, outer, k):
            return None
    return band


def data_tails(p10: float, p50: float, p90: float) -> tuple[float, float]:
    """The open data's P1 and P99, stretched from its P10 and P90 in log space."""
    low = math.exp(math.log(p50) - (math.log(p50) - math.log(p10)) * TAIL_STRETCH)
    high = math.exp(math.log(p50) + (math.log(p90) - math.log(p50)) * TAIL_STRETCH)
    return low, high


def held_back_reason(
    base: float, bonus: float, equity: float, data_band: tuple[float, float, float] | None
) -> Said | None:
    """Why a submission is held for review instead of pooled; None when it looks plausible.

    `data_band` is the open data's P10, P50 and P90 base for the same cell, same currency.
    """
    if bonus > base * MAX_BONUS_SHARE:
        return BONUS_OVER
    if equity > base * MAX_EQUITY_SHARE:
        return EQUITY_OVER
    if data_band is not None:
        low, high = data_tails(*data_band)
        if base < low / WIDE_MARGIN:
            return BASE_BELOW
        if base > high * WIDE_MARGIN:
            return BASE_ABOVE
    return None


_SUFFIX = {"k": 1_000.0, "m": 1_000_000.0}
_AMOUNT = re.compile(rf"(?P<number>{NUMBER_PATTERN})\s*(?P<suffix>[km]?)")


def parse_amount(field: str, text: str, *, required: bool) -> float:
    """ "180k", "180,000", "$180 000", "1.2m" -> dollars, cents and all; blank is 0 if optional."""
    cleaned = re.sub(r"[_$€£¥₹]", "", text.lower()).strip()
    named = Said(AMOUNT_NAMES.get(field, field))
    if not cleaned:
        if required:
            raise QueryError(field, said("Give your {field}, e.g. 180k or 180000.", field=named))
        return 0.0
    match = _AMOUNT.fullmatch(cleaned)
    number = read_number(match["number"], scaled=bool(match["suffix"])) if match else None
    if match is None or number is None:
        shown = text.strip()[:40]
        raise QueryError(
            field,
            said(
                "Couldn't read '{shown}' as an amount for {field}: write e.g. 180k or 180000.",
                shown=shown,
                field=named,
            ),
        )
    amount = number * _SUFFIX.get(match["suffix"], 1.0)
    if amount > MAX_AMOUNT:
        raise QueryError(
            field, said("That {field} is beyond anything this bot can pool.", field=named)
        )
    if required and amount <= 0:
        raise QueryError(field, said("The {field} must be more than zero.", field=named))
    return amount
