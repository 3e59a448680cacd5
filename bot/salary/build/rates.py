"""Yearly exchange rates from the aijobs rows themselves (build time only).

Each aijobs row gives a salary in its own currency and the same salary in US dollars, as
the index converted it: salary / salary_in_usd is the rate it used, one per currency and
year. The table keeps, per currency, the latest year with rows (the median ratio, which
is the one rate the index applied to every row of that year), so answers convert back at
the rate the data came in at.
"""

from __future__ import annotations

import csv
import gzip
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

SOURCE = "aijobs.net salary index: salary / salary_in_usd of its {rows} rows in {code}, {year}"


def build(path: Path) -> dict[str, Any]:
    ratios: dict[tuple[str, int], list[float]] = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            code = rec["salary_currency"].strip().upper()
            try:
                local, usd, year = (
                    float(rec["salary"]),
                    float(rec["salary_in_usd"]),
                    int(rec["work_year"]),
                )
            except ValueError:
                continue
            if code != "USD" and local > 0 and usd > 0:
                ratios[(code, year)].append(local / usd)
    latest: dict[str, int] = {}
    for code, year in ratios:
        latest[code] = max(year, latest.get(code, year))
    rates = {}
    for code, year in sorted(latest.items()):
        values = ratios[(code, year)]
        rates[code] = {
            "per_usd": float(f"{statistics.median(values):.4g}"),
            "year": year,
            "rows": len(values),
        }
    return {
        "method": "per currency, the median of salary / salary_in_usd in its latest year, 4 significant digits",
        "source": "aijobs.net salary index (CC0)",
        "rates": rates,
    }
