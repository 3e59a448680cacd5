"""The location premiums against the independent reference, and the mix by hand."""

import math
from pathlib import Path

import pytest

from bot.salary.build import sample_mix
from bot.salary.build.location_check import location_report
from bot.salary.model import SalaryModel


def test_shipped_premiums_sit_inside_the_independent_ranges(shipped: SalaryModel) -> None:
    report = location_report(shipped)
    assert report["male"] < 0.10
    assert report["male_leave_one_out"] < 0.10
    # Multiplying the BLS ratios straight onto the US band was far off (issue #15: 0.25).
    assert report["male_bls_ratio_as_is"] > 0.2
    for row in report["metros"]:
        low, high = row["reference"]
        for level, premium in row["model_by_level"].items():
            assert low <= premium <= high, (row["metro"], level, premium)


def test_cities_below_the_sample_mix_get_factors_below_one(shipped: SalaryModel) -> None:
    for key in ("us-denver", "us-austin", "us-dallas", "us-atlanta", "us-chicago"):
        assert shipped.areas[key]["factors"]["engineering"]["value"] < 0.9, key
    sj = shipped.areas["us-san-jose"]["factors"]["engineering"]
    assert sj["relative_to"] == "the posting sample's US mix"
    assert sj["value"] == shipped.areas["us-san-francisco"]["factors"]["engineering"]["value"]


def test_report_by_hand(tiny: SalaryModel, tmp_path: Path) -> None:
    ref = tmp_path / "ref.csv"
    ref.write_text(
        "area_code,area_name,low,high,source\n42660,Seattle,1.0,1.1,test source\n", "utf-8"
    )
    report = location_report(tiny, ref)
    (row,) = report["metros"]
    assert row["model"] == pytest.approx(1.25)
    assert not row["inside"]
    assert report["male"] == pytest.approx(math.log(1.25) - math.log(1.1) / 2, abs=1e-3)
    assert report["male_leave_one_out"] is None


def test_pooling_and_calibration_by_hand() -> None:
    log_ratio = {"41940": math.log(1.6), "41860": math.log(1.2), "19740": 0.0}
    emp = {"41940": 1.0, "41860": 3.0, "19740": 1.0}
    pooled = sample_mix.pooled(log_ratio, emp)
    bay = (math.log(1.6) + 3 * math.log(1.2)) / 4
    assert pooled["41940"] == pooled["41860"] == pytest.approx(bay)
    assert pooled["19740"] == 0.0
    ref = {
        "41940": sample_mix.Reference("41940", "SJ", 1.1, 1.1, "s"),
        "19740": sample_mix.Reference("19740", "Denver", 0.8, 0.8, "s"),
    }
    mix = sample_mix.calibrated_mix(pooled, ref)
    assert mix == pytest.approx(((bay - math.log(1.1)) + (0.0 - math.log(0.8))) / 2)
    assert sample_mix.hub_mix(pooled, emp) == pytest.approx((4 * bay + 0.0) / 5)


def test_a_reversed_reference_range_is_refused(tmp_path: Path) -> None:
    ref = tmp_path / "ref.csv"
    ref.write_text("area_code,area_name,low,high,source\n1,X,1.2,1.1,s\n", "utf-8")
    with pytest.raises(ValueError):
        sample_mix.read_reference(ref)
