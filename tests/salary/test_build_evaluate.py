import csv
import gzip
import json
import math
from pathlib import Path

import pytest

from bot.salary import build
from bot.salary.aijobs import read_rows
from bot.salary.evaluate import evaluate, main
from bot.salary.paths import DATA_DIR

HEADER = [
    "work_year",
    "experience_level",
    "employment_type",
    "job_title",
    "salary",
    "salary_currency",
    "salary_in_usd",
    "employee_residence",
    "remote_ratio",
    "company_location",
    "company_size",
]


def _write(path: Path, rows: list[list[object]]) -> Path:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _row(
    title: str, usd: int, level: str = "SE", ft: str = "FT", country: str = "US"
) -> list[object]:
    return [2025, level, ft, title, usd, "USD", usd, country, 0, country, "M"]


def test_shipped_tables_equal_a_fresh_build() -> None:
    fresh = build.build_tables()
    for name in build.TABLES:
        assert (DATA_DIR / f"{name}.json").read_bytes() == fresh[name], f"{name}.json is stale"
    assert build.digest(fresh) == build.digest(build.build_tables())  # deterministic
    assert sum(len(b) for b in fresh.values()) < 600_000


def test_postings_pair_range_ends(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "p.csv",
        [_row("Data Scientist", 100), _row("Data Scientist", 200), _row("Data Scientist", 150)],
    )
    rows = list(read_rows(path))
    # the first two are the ends of one range; the third starts a new posting
    assert [r.posting for r in rows] == [0, 0, 1]


def test_evaluate_by_hand(tmp_path: Path) -> None:
    # Training: six identical senior DS salaries -> every baseline quantile is ln(100k).
    train = _write(tmp_path / "train.csv.gz", [_row("Data Scientist", 100_000)] * 6)
    test = _write(
        tmp_path / "test.csv",
        [
            _row("Data Scientist", 100_000),  # exactly on every quantile: loss 0
            _row("Data Scientist", 200_000),  # above every quantile by ln 2
            _row("Engineer", 90_000),  # vague title: unmapped
            _row("Data Scientist", 50_000, ft="PT"),  # not full-time: not scored
        ],
    )
    result = evaluate(test, train)
    assert (result["n_rows"], result["n_scored"], result["n_unmapped"]) == (4, 2, 1)
    baseline = result["baseline"]
    assert isinstance(baseline, dict)
    mean_q = (0.1 + 0.25 + 0.5 + 0.75 + 0.9) / 5
    assert baseline["pinball"] == pytest.approx(math.log(2) * mean_q / 2, abs=1e-5)
    assert baseline["below"] == {"0.10": 0.0, "0.25": 0.0, "0.50": 0.0, "0.75": 0.0, "0.90": 0.0}
    model = result["model"]
    assert isinstance(model, dict) and set(model) == {"pinball", "below"}


def test_evaluate_cli_prints_one_json_object(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    train = _write(tmp_path / "train.csv", [_row("Data Scientist", 100_000)] * 6)
    test = _write(tmp_path / "test.csv", [_row("Data Scientist", 120_000)])
    assert main([str(test), "--json", "--train", str(train)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["n_rows", "n_scored", "n_unmapped", "model", "baseline"]
    assert set(out["model"]["below"]) == {"0.10", "0.25", "0.50", "0.75", "0.90"}
