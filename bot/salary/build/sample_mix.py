"""The US location mix the aijobs posting sample already carries (build time only).

The aijobs US rows name the country, not the city, and salary-bearing
postings concentrate in the high-paying hubs. Their "US" band is therefore
a hub mix, not the BLS national median, and a metro factor must be taken
relative to that mix: dividing a BLS metro/national ratio straight onto it
counts the hub premium twice.

The mix cannot be read from the sample, so it is calibrated: one number per
occupation, the mean log gap between the BLS metro ratio and the midpoint
of an independent premium range (data/raw/location-reference/). For a
cross-check we also report the mix an employment-weighted set of the hub
metros would give; the two are close (see the location report).

The Bay Area is one labour market for these roles (the same employers on
both sides of the bay), so San Jose and San Francisco share one pooled,
employment-weighted ratio; BLS splits them by the employer mix.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

POOLS: dict[str, tuple[str, ...]] = {"Bay Area": ("41940", "41860")}


@dataclass(frozen=True, slots=True)
class Reference:
    area_code: str
    name: str
    low: float
    high: float
    source: str

    @property
    def log_mid(self) -> float:
        """Log of the geometric midpoint of the range."""
        return (math.log(self.low) + math.log(self.high)) / 2


def read_reference(path: Path) -> dict[str, Reference]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = {}
    for r in rows:
        low, high = float(r["low"]), float(r["high"])
        if not 0 < low <= high:
            raise ValueError(f"bad reference range for {r['area_code']}")
        out[r["area_code"]] = Reference(r["area_code"], r["area_name"], low, high, r["source"])
    return out


def pooled(log_ratio: Mapping[str, float], emp: Mapping[str, float]) -> dict[str, float]:
    """Each pool's members get the employment-weighted mean of their log ratios."""
    out = dict(log_ratio)
    for members in POOLS.values():
        have = [m for m in members if m in log_ratio and m in emp]
        if len(have) < 2:
            continue
        total = sum(emp[m] for m in have)
        value = sum(emp[m] * log_ratio[m] for m in have) / total
        for m in have:
            out[m] = value
    return out


def calibrated_mix(log_ratio: Mapping[str, float], reference: Mapping[str, Reference]) -> float:
    """Least-squares log mix: mean of (log ratio - log reference midpoint)."""
    gaps = [log_ratio[code] - ref.log_mid for code, ref in reference.items() if code in log_ratio]
    if not gaps:
        raise ValueError("no reference area has a BLS ratio")
    return sum(gaps) / len(gaps)


def hub_mix(log_ratio: Mapping[str, float], emp: Mapping[str, float]) -> float:
    """Log mix if postings came from the covered metros in proportion to employment."""
    codes = [c for c in log_ratio if c in emp]
    total = sum(emp[c] for c in codes)
    return sum(emp[c] * log_ratio[c] for c in codes) / total
