import json
import math
from pathlib import Path

import pytest

from bot.salary import evaluate as old_entry
from bot.salary.build.evaluate import evaluate, main

from .rows import row, write


def test_evaluate_by_hand(tmp_path: Path) -> None:
    # Training: six identical senior DS salaries -> every baseline quantile is ln(100k).
    train = write(tmp_path / "train.csv.gz", [row("Data Scientist", 100_000)] * 6)
    test = write(
        tmp_path / "test.csv",
        [
            row("Data Scientist", 100_000),  # exactly on every quantile: loss 0
            row("Data Scientist", 200_000),  # above every quantile by ln 2
            row("Engineer", 90_000),  # vague title: unmapped
            row("Data Scientist", 50_000, ft="PT"),  # not full-time: not scored
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
    assert isinstance(model, dict) and set(model) == {"pinball", "below", "calibration_gap"}


def test_evaluate_cli_prints_one_json_object(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    train = write(tmp_path / "train.csv", [row("Data Scientist", 100_000)] * 6)
    test = write(tmp_path / "test.csv", [row("Data Scientist", 120_000)])
    assert main([str(test), "--json", "--train", str(train)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == [
        "n_rows",
        "n_scored",
        "n_unmapped",
        "model",
        "baseline",
        "n_outside_us",
        "model_outside_us",
        "baseline_outside_us",
        "locations",
        "countries",
    ]
    # Every surveyed country with enough held-out respondents is compared, within 1.5x.
    countries = out["countries"]
    assert countries["countries_compared"] >= 25 and countries["male"] <= 0.12
    assert countries["worst_ratio"] <= 1.5
    assert out["locations"]["male"] < 0.10
    assert set(out["model"]["below"]) == {"0.10", "0.25", "0.50", "0.75", "0.90"}


def test_old_entry_point_runs_the_same_main() -> None:
    # `python -m bot.salary.evaluate` keeps working through the shim.
    assert old_entry.main is main
