"""Runtime lookup of base-pay bands from the built table (no fitting here).

The table (see build/bands.py) holds log-USD quantile vectors at four
depths; a lookup takes the most specific one that exists:

  cell  role|level|country|year   raw frame (already in that year's money)
  grp   role|level|country        data-year frame, plus the year index
  top   role|level                data-year frame, plus country offset and year index

A country's offset is its survey pay level relative to the US moved toward its
own postings (build/bands.py); "countries" also says what each offset rests on.

"any" stands for a role or level that is not known.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from .level_order import ordered_shifts

ANY = "any"
# Distinct (role, level, country, year, remote) lookups kept: a band is a few hundred bytes.
LOOKUPS_KEPT = 8192
# Seniority order of the level keys (taxonomy.json); bands are kept in this order.
LEVEL_ORDER = ("entry", "mid", "senior", "principal")


@dataclass(frozen=True, slots=True)
class Band:
    logq: tuple[float, ...]  # log-USD P10..P90
    n: int  # postings behind the most specific group used
    depth: str  # "cell" | "group" | "role-level" | "world"
    cell: str  # human description of the group
    extrapolated_years: int  # years projected beyond the data
    country_known: bool
    remote_effect: float  # log multiplier applied for remote / on-site (0 if none)
    level_shift: float = 0.0  # log shift that keeps the levels in order (level_order.py)
    level_data: bool = True  # False when no group of this level exists (an all-levels band)
    country: str | None = None  # the country whose offset or postings the band uses


class BandTable:
    def __init__(self, table: dict[str, Any]) -> None:
        self.ref_year: int = table["ref_year"]
        self.first_year: int = table["first_year"]
        self.year_index: dict[int, float] = {int(k): v for k, v in table["year_index"].items()}
        self.growth: float = table["growth"]["projection"]
        self.remote_effect: dict[str, float] = table["remote"]["effect"]
        # Per country: offset, postings, respondents, region, postings_share (build/bands.py).
        self.countries: dict[str, dict[str, Any]] = table["countries"]
        self.regions: dict[str, dict[str, Any]] = table.get("regions", {})
        self.cells: dict[str, list[float]] = table["cells"]
        self.groups: dict[str, list[float]] = table["groups"]
        self.top: dict[str, list[float]] = table["top"]
        # Highest P90 (USD) of any level and year, per role|country: the cap on stacking.
        self.max_p90: dict[str, float] = {}
        for key, rec in (*self.cells.items(), *self.groups.items()):
            role, _, country = key.split("|")[:3]
            name = f"{role}|{country}"
            self.max_p90[name] = max(self.max_p90.get(name, 0.0), math.exp(rec[4]))
        # The band for one level, in order with the others (_ordered_lookup). Ordering
        # looks up all four levels, and answers repeat the same few lookups: kept.
        self.lookup = lru_cache(maxsize=LOOKUPS_KEPT)(self._ordered_lookup)

    def year_shift(self, year: int) -> tuple[float, int]:
        """Log shift from the data-year frame to `year`, and years extrapolated."""
        if year > self.ref_year:
            ahead = year - self.ref_year
            return self.year_index[self.ref_year] + self.growth * ahead, ahead
        return self.year_index.get(max(year, self.first_year), 0.0), 0

    def _ordered_lookup(
        self,
        role: str | None,
        level: str | None,
        country: str | None,
        year: int,
        remote: bool | None,
    ) -> Band:
        """The band for one level, moved if needed to keep the levels of that place in order."""
        band = self._lookup(role, level, country, year, remote)
        if level not in LEVEL_ORDER:
            return band
        bands = [
            band if lv == level else self._lookup(role, lv, country, year, remote)
            for lv in LEVEL_ORDER
        ]
        # A band borrowed from "all levels" says nothing about order: it follows, never leads.
        weights = [b.n if b.level_data else 0.0 for b in bands]
        shifts = ordered_shifts([b.logq[2] for b in bands], weights)
        shift = shifts[LEVEL_ORDER.index(level)]
        if abs(shift) < 1e-9:
            return band
        return replace(band, logq=tuple(v + shift for v in band.logq), level_shift=shift)

    def _lookup(
        self,
        role: str | None,
        level: str | None,
        country: str | None,
        year: int,
        remote: bool | None,
    ) -> Band:
        r = role or ANY
        lv = level or ANY
        extra = 0
        level_data = True
        # Past the data: the latest year's cell, moved by the measured growth.
        data_year = min(year, self.ref_year)
        rec = self.cells.get(f"{r}|{lv}|{country}|{data_year}") if country else None
        if rec is not None:
            extra = year - data_year
            logq = [v + self.growth * extra for v in rec[:5]]
            depth, cell = "cell", f"{r} · {lv} · {country} · {data_year}"
        else:
            shift, extra = self.year_shift(year)
            rec = self.groups.get(f"{r}|{lv}|{country}") if country else None
            if rec is not None:
                depth, cell = "group", f"{r} · {lv} · {country} · all years"
            else:
                rec, level_data = self._top(r, lv)
                known = country is not None and country in self.countries
                if known and country is not None:
                    shift += float(self.countries[country]["offset"])
                depth = "role-level" if known else "world"
                cell = f"{r} · {lv} · all countries" + (f" + {country} offset" if known else "")
            logq = [v + shift for v in rec[:5]]
        n, share = int(rec[5]), rec[6]
        effect = 0.0
        if remote is not None:
            region = "all" if country is None else "US" if country == "US" else "other"
            r_eff = self.remote_effect[region]
            effect = r_eff * (1.0 - share) if remote else -r_eff * share
            logq = [v + effect for v in logq]
        return Band(
            logq=tuple(logq),
            n=n,
            level_data=level_data,
            depth=depth,
            cell=cell,
            extrapolated_years=extra,
            country_known=country is not None and country in self.countries,
            country=country,
            remote_effect=effect,
        )

    def _top(self, role: str, level: str) -> tuple[list[float], bool]:
        """The first top-level record that exists, and whether it is of this level."""
        for key in (f"{role}|{level}", f"{role}|{ANY}", f"{ANY}|{level}", f"{ANY}|{ANY}"):
            rec = self.top.get(key)
            if rec is not None:
                return rec, not key.endswith(f"|{ANY}") or level == ANY
        raise LookupError("band table has no 'any|any' row")

    def usd(self, band: Band) -> tuple[float, ...]:
        return tuple(math.exp(v) for v in band.logq)
