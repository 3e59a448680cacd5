"""How far the model's country premiums are from the survey's held-out fifth.

The premium of a country is what the answer itself shows: the median base of an ML
engineer with 5 years there over the same person's in the US. The survey's is the same
ratio for the held-out respondents (ResponseId a multiple of 5, never seen by the build):
their pay over US held-out respondents of the same years of coding (survey.raw_levels).
Countries with at least MIN_HELD_OUT held-out respondents are compared; the error is the
absolute log distance (MALE is its mean), and the worst ratio is reported too.
"""

from __future__ import annotations

import math
from typing import Any

from .. import taxonomy as tx
from ..model import SalaryModel
from ..query import parse_query
from . import survey
from .paths import SO2025_RAW

MIN_HELD_OUT = 30


def _median(model: SalaryModel, place: str) -> tuple[float, str]:
    query = parse_query(role="ml_engineer", years=5, location=place, currency="USD")
    estimate = model.estimate(query)
    return estimate.base.p50, str(estimate.said_sample)  # a report in English


def country_report(model: SalaryModel) -> dict[str, Any]:
    _, held = survey.split(survey.read_respondents(SO2025_RAW))
    levels = survey.raw_levels(held)
    us, _ = _median(model, "US")
    rows: list[dict[str, Any]] = []
    errors: list[float] = []
    for country, (level, n) in sorted(levels.items(), key=lambda kv: -kv[1][1]):
        if country == "US" or n < MIN_HELD_OUT:
            continue
        median, sample = _median(model, country)
        premium = median / us
        errors.append(abs(math.log(premium) - level))
        rows.append(
            {
                "country": tx.label("location", country),
                "model": round(premium, 3),
                "survey": round(math.exp(level), 3),
                "held_out": n,
                "log_error": round(abs(math.log(premium) - level), 4),
                "band_rests_on": sample,
            }
        )
    return {
        "relative_to": "the same ML engineer (5 years) in the US, base median",
        "survey_part": f"held-out fifth (ResponseId multiple of {survey.HOLDOUT_EVERY})",
        "countries_compared": len(rows),
        "male": round(sum(errors) / len(errors), 4) if errors else None,
        "worst_ratio": round(math.exp(max(errors)), 3) if errors else None,
        "countries": rows,
    }


def print_country_report(report: dict[str, Any]) -> None:
    print(f"country premiums over {report['relative_to']}; survey: {report['survey_part']}")
    print(f"{'country':22s} {'model':>6s} {'survey':>6s} {'held':>5s}  band rests on")
    for r in report["countries"]:
        print(
            f"{r['country'][:22]:22s} {r['model']:6.3f} {r['survey']:6.3f} {r['held_out']:5d}  "
            f"{r['band_rests_on'][:90]}"
        )
    print(
        f"MALE {report['male']:.4f} over {report['countries_compared']} countries; "
        f"worst off by {report['worst_ratio']:.2f}x"
    )
