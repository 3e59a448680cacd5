"""A vesting schedule as typed, read and checked, and worded. No Discord.

Yearly percentages (25/25/25/25 by default) with a cliff in months (12 by default); nothing
vests before the cliff, and what accrued until then vests at it, so each year-end holds the
schedule's running total once past the cliff.
"""

from __future__ import annotations

import re

from .errors import QueryError
from .said import Count, Said, said, said_plural
from .term_text import Frozen, bounded, echoed

MAX_VESTING_YEARS = 10
MAX_CLIFF_MONTHS = 120
# 33/33/33 is how people write thirds: a sum within this of 100 is scaled to 100.
SUM_TOLERANCE = 1.0
DEFAULT_SHARES = (25.0, 25.0, 25.0, 25.0)
DEFAULT_CLIFF_MONTHS = 12

_CLIFF = re.compile(
    r"(?:(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>m|mo|months?|y|yr|years?)?[\s-]*cliff"
    r"|cliff\s*(?:of\s*)?(?P<n2>\d+(?:\.\d+)?)\s*(?P<unit2>m|mo|months?|y|yr|years?)?"
    r"|(?P<none>no\s+cliff))",
    re.IGNORECASE,
)
# A year's share as digits only: "nan", "inf" and "1e3" are no percentages.
_PERCENT = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_MINUS = re.compile(r"(?:^|[/,;\-−])\s*[-−]\s*[\d.]|−")
_EVEN = re.compile(r"^(?P<n>\d{1,2})\s*(?:y|yr|yrs|years?)(?:\s*(?:even|evenly|linear))?$")
_SCHEDULE_LENGTH = said("A vesting schedule runs 1 to {most} years.", most=Count(MAX_VESTING_YEARS))


class Vesting(Frozen):
    shares: tuple[float, ...]  # percent of the grant vesting in each year, summing to 100
    cliff_months: int

    @property
    def years(self) -> int:
        return len(self.shares)

    def vested_by_year(self) -> tuple[float, ...]:
        """The fraction of the grant that vests in each year of the schedule."""
        out: list[float] = []
        before = 0.0
        running = 0.0
        for year, share in enumerate(self.shares, 1):
            running += share
            held = running if year * 12 >= self.cliff_months else 0.0
            out.append((held - before) / 100)
            before = held
        return tuple(out)

    def cliff(self) -> Said:
        """ "1-year cliff", "6-month cliff", "no cliff"."""
        months = self.cliff_months
        if months == 0:
            return said("no cliff")
        if months % 12 == 0:
            return said_plural("{count}-year cliff", "{count}-year cliff", months // 12)
        return said_plural("{count}-month cliff", "{count}-month cliff", months)

    def length(self) -> Said:
        return said_plural("{count} year", "{count} years", self.years)

    def span(self) -> Said:
        """ "4 years, 1-year cliff": the length and the cliff, without the yearly split."""
        return said("{length}, {cliff}", length=self.length(), cliff=self.cliff())

    def split(self) -> str:
        """ "5/15/40/40": each year's percentage."""
        return "/".join(f"{share:g}" for share in self.shares)

    def describe(self) -> Said:
        if self.shares == DEFAULT_SHARES[: self.years] and self.cliff_months == 12:
            return self.span()
        return said(
            "{split} over {length}, {cliff}",
            split=self.split(),
            length=self.length(),
            cliff=self.cliff(),
        )


DEFAULT_VESTING = Vesting(shares=DEFAULT_SHARES, cliff_months=DEFAULT_CLIFF_MONTHS)


def parse_vesting(text: str | None) -> Vesting:
    """ "33/33/22/12", "5/15/40/40", "3 years", "25/25/25/25 6 month cliff", "no cliff"."""
    if text is None or not text.strip():
        return DEFAULT_VESTING
    raw = " ".join(bounded("vesting", text).lower().split())
    cliff = DEFAULT_CLIFF_MONTHS
    found = _CLIFF.search(raw)
    if found is not None:
        cliff = _cliff_months(found)
        raw = (raw[: found.start()] + raw[found.end() :]).strip(" ,;")
    raw = raw.replace("%", "")
    shares: tuple[float, ...]
    if not raw:
        shares = DEFAULT_SHARES
    elif even := _EVEN.match(raw):
        years = int(even["n"])
        if not 1 <= years <= MAX_VESTING_YEARS:
            raise QueryError("vesting", _SCHEDULE_LENGTH)
        shares = tuple(100 / years for _ in range(years))
    else:
        shares = _split_shares(raw, text)
    if cliff > len(shares) * 12:
        raise QueryError(
            "vesting",
            said(
                "The {months}-month cliff is longer than the {years}-year schedule.",
                months=Count(cliff),
                years=Count(len(shares)),
            ),
        )
    return Vesting(shares=shares, cliff_months=cliff)


def _cliff_months(found: re.Match[str]) -> int:
    if found["none"]:
        return 0
    number = float(found["n"] or found["n2"])
    unit = (found["unit"] or found["unit2"] or "m").lower()
    months = number * 12 if unit.startswith("y") else number
    if months != int(months) or not 0 <= months <= MAX_CLIFF_MONTHS:
        raise QueryError(
            "vesting",
            said("The cliff must be whole months, 0 to {most}.", most=Count(MAX_CLIFF_MONTHS)),
        )
    return int(months)


def _split_shares(raw: str, text: str) -> tuple[float, ...]:
    # A dash between numbers separates years (25-25-25-25); one opening a year is a minus sign.
    if _MINUS.search(raw):
        raise QueryError("vesting", said("A year of the vesting schedule can't be negative."))
    parts = [part for part in re.split(r"[/,;\s-]+", raw) if part]
    if not all(_PERCENT.fullmatch(part) for part in parts):
        raise QueryError(
            "vesting",
            said(
                "Couldn't read the vesting schedule '{text}': write yearly percentages "
                "such as 25/25/25/25 or 5/15/40/40, or a length such as 3 years.",
                text=echoed(text),
            ),
        )
    values = [float(part) for part in parts]
    if not 1 <= len(values) <= MAX_VESTING_YEARS:
        raise QueryError("vesting", _SCHEDULE_LENGTH)
    total = sum(values)
    if abs(total - 100) > SUM_TOLERANCE:
        raise QueryError(
            "vesting",
            said("The vesting schedule adds up to {total}%, not 100%.", total=format(total, "g")),
        )
    return tuple(value * 100 / total for value in values)
