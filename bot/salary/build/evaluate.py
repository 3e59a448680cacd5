"""Score the band model against any CSV in the aijobs schema.

    python -m bot.salary.build.evaluate FILE.csv[.gz] --json [--train TRAIN.csv.gz]

Every full-time row whose job_title maps to a role is predicted from role,
experience level, company location, work year and remote ratio. The score
is the mean pinball loss of ln(salary_in_usd) over P10..P90, and for each
quantile the share of salaries below the prediction. The baseline is the
plain empirical peer group: quantiles of the training rows in the same
role x level x country x year cell, falling back to role x level x country,
role x level, role when a cell has fewer than BASELINE_MIN rows.

By default the model is the shipped table and the baseline's training rows
are the shipped raw file. --train fits both on another file instead (used to
tune on a hold-out split).

The output ends with the location report (location_check.py): each
reference metro's premium in the shipped model next to an independent range.
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
from .location_check import location_report, print_report
from .paths import AIJOBS_RAW
from .stats import QUANTILES, pinball, quantiles

BASELINE_MIN = 5
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
    return {
        "pinball": round(loss / n, 5),
        "below": {f"{q:.2f}": round(b / n, 4) for q, b in zip(QUANTILES, below, strict=True)},
    }


def evaluate(
    path: str | Path, train: str | Path | None = None, params: FitParams | None = None
) -> dict[str, object]:
    rows = list(read_rows(path))
    full_time = [r for r in rows if r.full_time]
    scored = [r for r in full_time if r.role and r.level and r.usd > 0]
    unmapped = sum(1 for r in full_time if not r.role)
    if train is None:
        table = BandTable(json.loads((DATA_DIR / "bands.json").read_text()))
        train_rows = list(read_rows(AIJOBS_RAW))
    else:
        train_rows = list(read_rows(train))
        table = BandTable(fit(train_rows, params))
    return {
        "n_rows": len(rows),
        "n_scored": len(scored),
        "n_unmapped": unmapped,
        "model": score(scored, model_predictor(table)),
        "baseline": score(scored, baseline(train_rows)),
        # Always the shipped model: the premiums do not depend on the band fit.
        "locations": location_report(get_model()),
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", help="CSV (or .csv.gz) in the aijobs schema")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--train", help="fit model and baseline on this file instead")
    args = ap.parse_args(argv)
    result = evaluate(args.file, args.train)
    if args.json:
        print(json.dumps(result, sort_keys=False))
    else:
        for part in ("model", "baseline"):
            res = result[part]
            assert isinstance(res, dict)
            print(f"{part:9s} pinball={res['pinball']:.5f} below={res['below']}")
        print(
            f"rows={result['n_rows']} scored={result['n_scored']} unmapped={result['n_unmapped']}"
        )
        locations = result["locations"]
        assert isinstance(locations, dict)
        print_report(locations)
    return 0


if __name__ == "__main__":
    sys.exit(main())
