"""Score the band model against any CSV in the aijobs schema, or on its own hold-out.

    python -m bot.salary.build.evaluate FILE.csv[.gz] --json [--train TRAIN.csv.gz]
    python -m bot.salary.build.evaluate [--json]      (the posting hold-out below)

Every full-time row whose job_title maps to a role is predicted from role,
experience level, company location, work year and remote ratio. The score
is the mean pinball loss of ln(salary_in_usd) over P10..P90, and for each
quantile the share of salaries below the prediction. The baseline is the
plain empirical peer group: quantiles of the training rows in the same
role x level x country x year cell, falling back to role x level x country,
role x level, role when a cell has fewer than BASELINE_MIN rows.

By default the model is the shipped table and the baseline's training rows
are the shipped raw file. --train fits both on another file instead (used to
tune on a hold-out split). Without FILE, every fifth posting of the shipped raw
file (whole postings kept together) is held out and both are fitted on the rest.
Scores are given on all rows and on the rows outside the US, with the
calibration gap (the largest distance between a quantile and the share of
salaries under it).

The output ends with the location report (location_check.py): each
reference metro's premium in the shipped model next to an independent range;
and the country report (country_check.py): each country's premium next to the
survey's held-out fifth.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..bands import BandTable
from ..model import get_model
from ..paths import DATA_DIR
from .aijobs import Row, read_rows
from .bands import FitParams, clean_rows, fit
from .country_check import country_report, print_country_report
from .location_check import location_report, print_report
from .paths import AIJOBS_RAW
from .stats import QUANTILES, pinball, quantiles
from .tables import survey_levels

BASELINE_MIN = 5
HOLDOUT_EVERY = 5  # every fifth posting is held out when no test file is given
Predictor = Callable[[Row], Sequence[float]]


def baseline(train: Iterable[Row]) -> Predictor:
    """Empirical peer quantiles with fallback to broader cells."""
    rows = clean_rows(train, dedup=False)
    keys: list[Callable[[Row], tuple[object, ...]]] = [
        lambda r: (r.role, r.level, r.country, r.year),
        lambda r: (r.role, r.level, r.country),
        lambda r: (r.role, r.level),
        lambda r: (r.role,),
        lambda r: (),
    ]
    tables: list[dict[tuple[object, ...], list[float]]] = []
    for key in keys:
        groups: dict[tuple[object, ...], list[float]] = defaultdict(list)
        for row in rows:
            groups[key(row)].append(math.log(row.usd))
        tables.append({k: quantiles(v) for k, v in groups.items() if len(v) >= BASELINE_MIN})

    def predict(row: Row) -> Sequence[float]:
        for key, table in zip(keys, tables, strict=True):
            hit = table.get(key(row))
            if hit is not None:
                return hit
        raise LookupError("no training rows")

    return predict


def model_predictor(table: BandTable) -> Predictor:
    def predict(row: Row) -> Sequence[float]:
        return table.lookup(row.role, row.level, row.country, row.year, row.remote).logq

    return predict


def score(rows: Sequence[Row], predict: Predictor) -> dict[str, object]:
    loss = 0.0
    below = [0] * len(QUANTILES)
    for row in rows:
        y = math.log(row.usd)
        pred = predict(row)
        loss += pinball(y, pred)
        for i, q in enumerate(pred):
            below[i] += y < q
    n = max(len(rows), 1)
    shares = [b / n for b in below]
    return {
        "pinball": round(loss / n, 5),
        "below": {f"{q:.2f}": round(b, 4) for q, b in zip(QUANTILES, shares, strict=True)},
        "calibration_gap": round(
            max(abs(b - q) for q, b in zip(QUANTILES, shares, strict=True)), 4
        ),
    }


def split_postings(rows: Iterable[Row]) -> tuple[list[Row], list[Row]]:
    """(train, held out): every HOLDOUT_EVERY-th posting held out, its rows together."""
    train: list[Row] = []
    held: list[Row] = []
    for row in rows:
        (held if row.posting % HOLDOUT_EVERY == 0 else train).append(row)
    return train, held


def evaluate(
    path: str | Path | None, train: str | Path | None = None, params: FitParams | None = None
) -> dict[str, object]:
    if path is None:
        train_rows, rows = split_postings(read_rows(AIJOBS_RAW))
        table = BandTable(fit(train_rows, params, survey_levels()))
    elif train is None:
        rows = list(read_rows(path))
        table = BandTable(json.loads((DATA_DIR / "bands.json").read_text()))
        train_rows = list(read_rows(AIJOBS_RAW))
    else:
        rows = list(read_rows(path))
        train_rows = list(read_rows(train))
        table = BandTable(fit(train_rows, params, survey_levels()))
    full_time = [r for r in rows if r.full_time]
    scored = [r for r in full_time if r.role and r.level and r.usd > 0]
    abroad = [r for r in scored if r.country != "US"]
    model, peers = model_predictor(table), baseline(train_rows)
    shipped = get_model()
    return {
        "n_rows": len(rows),
        "n_scored": len(scored),
        "n_unmapped": sum(1 for r in full_time if not r.role),
        "model": score(scored, model),
        "baseline": score(scored, peers),
        "n_outside_us": len(abroad),
        "model_outside_us": score(abroad, model),
        "baseline_outside_us": score(abroad, peers),
        # Always the shipped model: premiums are what answers show.
        "locations": location_report(shipped),
        "countries": country_report(shipped),
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "file", nargs="?", help="CSV (or .csv.gz) in the aijobs schema; none: the hold-out"
    )
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--train", help="fit model and baseline on this file instead")
    args = ap.parse_args(argv)
    result = evaluate(args.file, args.train)
    if args.json:
        print(json.dumps(result, sort_keys=False))
    else:
        for part in ("model", "baseline", "model_outside_us", "baseline_outside_us"):
            res = result[part]
            assert isinstance(res, dict)
            print(
                f"{part:19s} pinball={res['pinball']:.5f} gap={res['calibration_gap']:.4f} "
                f"below={res['below']}"
            )
        print(
            f"rows={result['n_rows']} scored={result['n_scored']} unmapped={result['n_unmapped']}"
        )
        locations = result["locations"]
        assert isinstance(locations, dict)
        print_report(locations)
        countries = result["countries"]
        assert isinstance(countries, dict)
        print_country_report(countries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
