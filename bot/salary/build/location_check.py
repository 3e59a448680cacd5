"""How far the model's location premiums are from an independent reference.

The premium of a metro is what the answer itself shows: the median of an
ML engineer in that metro over the median of the same person in the US as
a whole (the posting sample's US mix), for each level. The error is the
absolute log distance to the geometric midpoint of the reference range,
averaged over the reference metros (MALE).

The reference ranges also calibrate the sample mix (one number per
occupation), so the in-sample MALE flatters the model; with the mix a plain
mean of log gaps, leaving a metro out scales each error by n / (n - 1)
exactly, and the report gives that figure too.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from .. import taxonomy as tx
from ..model import SalaryModel
from ..query import parse_query
from .paths import LOCATION_REFERENCE
from .sample_mix import read_reference

LEVELS = ("entry", "mid", "senior")


def _premium(model: SalaryModel, key: str, level: str) -> float:
    here = model.estimate(parse_query(role="ml_engineer", level=level, location=key))
    us = model.estimate(parse_query(role="ml_engineer", level=level, location="US"))
    return here.base.p50 / us.base.p50


def _raw_ratio(model: SalaryModel, key: str) -> float:
    """The metro/national BLS ratio before any mix: what multiplying it straight would give."""
    entry = model.areas[key]["factors"]["engineering"]
    return float(entry.get("metro_ratio", entry["value"]))


def location_report(model: SalaryModel, path: Path = LOCATION_REFERENCE) -> dict[str, Any]:
    reference = read_reference(path)
    by_code = {loc.area_code: loc for loc in tx.LOCATIONS if loc.kind == "metro"}
    rows: list[dict[str, Any]] = []
    for code, ref in reference.items():
        loc = by_code[code]
        premiums = [_premium(model, loc.key, level) for level in LEVELS]
        error = abs(math.log(premiums[1]) - ref.log_mid)
        raw = _raw_ratio(model, loc.key)
        rows.append(
            {
                "metro": loc.label,
                "model": round(premiums[1], 3),
                "model_by_level": dict(zip(LEVELS, (round(p, 3) for p in premiums), strict=True)),
                "reference": [ref.low, ref.high],
                "inside": all(ref.low <= p <= ref.high for p in premiums),
                "log_error": round(error, 4),
                "bls_ratio": raw,
                "bls_log_error": round(abs(math.log(raw) - ref.log_mid), 4),
                "source": ref.source,
            }
        )
    n = len(rows)
    male = sum(float(r["log_error"]) for r in rows) / n if n else 0.0
    raw_male = sum(float(r["bls_log_error"]) for r in rows) / n if n else 0.0
    return {
        "relative_to": "the posting sample's US mix (the US band the premium multiplies)",
        "male": round(male, 4),
        "male_leave_one_out": round(male * n / (n - 1), 4) if n > 1 else None,
        "male_bls_ratio_as_is": round(raw_male, 4),
        "inside": sum(1 for r in rows if r["inside"]),
        "metros": rows,
    }


def print_report(report: dict[str, Any]) -> None:
    print(f"location premiums, relative to {report['relative_to']}")
    print(f"{'metro':22s} {'model':>6s} {'reference':>11s}  source")
    for r in report["metros"]:
        low, high = r["reference"]
        mark = "" if r["inside"] else "  OUTSIDE"
        print(
            f"{r['metro']:22s} {r['model']:6.3f} {low:5.2f}-{high:<5.2f}  {r['source'][:60]}{mark}"
        )
    print(
        f"MALE {report['male']:.4f} (leave one metro out {report['male_leave_one_out']:.4f}); "
        f"{report['inside']}/{len(report['metros'])} inside; "
        f"BLS ratios applied as is: MALE {report['male_bls_ratio_as_is']:.4f}"
    )
