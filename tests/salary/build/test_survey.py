"""Country levels from the survey: worked out by hand on tiny samples."""

import math
from pathlib import Path

import pytest

from bot.salary.bands import BandTable
from bot.salary.build import survey
from bot.salary.build.aijobs import read_rows
from bot.salary.build.bands import fit
from bot.salary.build.paths import SO2025_RAW

from .rows import row, write

L = math.log


def people(country: str, pays: list[float], years: float = 8, data_ml: bool = False) -> list:
    return [
        survey.Respondent(i, country, survey.years_band(years), L(pay), data_ml)
        for i, pay in enumerate(pays, 1)
    ]


REGIONS = {"US": "Northern America", "DE": "Western Europe", "AT": "Western Europe"}


def test_a_country_is_compared_with_us_respondents_of_the_same_years() -> None:
    rows = [
        *people("US", [100_000] * 5, years=8),
        *people("US", [200_000] * 5, years=25),
        *people("DE", [50_000] * 5, years=8),
        *people("DE", [100_000] * 5, years=25),
    ]
    # Half the US pay at either experience: a level of ln 0.5, whatever the experience mix.
    (level, n) = survey.raw_levels(rows)["DE"]
    assert level == pytest.approx(L(0.5)) and n == 10


def test_a_thin_country_leans_on_its_region() -> None:
    rows = [
        *people("US", [100_000] * 10),
        *people("DE", [50_000] * 90),  # the region is mostly Germany: level ln 0.5
        *people("AT", [80_000] * 10),  # ten respondents at ln 0.8
    ]
    levels = survey.country_levels(rows, REGIONS)
    at = levels["countries"]["AT"]
    region = levels["regions"]["Western Europe"]["level"]
    own = 10 / (10 + survey.K_REGION)
    assert at["level"] == pytest.approx(region + own * (L(0.8) - region), abs=1e-4)
    assert at["respondents"] == 10 and at["region"] == "Western Europe"
    assert levels["countries"]["US"]["level"] == 0.0


def test_the_split_is_fixed_by_response_id() -> None:
    everyone = survey.read_respondents(SO2025_RAW)
    build, held = survey.split(everyone)
    assert all(r.response_id % 5 == 0 for r in held)
    assert all(r.response_id % 5 != 0 for r in build)
    assert len(held) + len(build) == len(everyone) > 20_000
    # The survey's names all map to a country code (the one non-country answer is dropped).
    assert {"CH", "NG", "PK", "CN", "GB", "US", "KR"} <= {r.country for r in everyone}


def test_one_posting_never_sets_a_countrys_band(tmp_path: Path) -> None:
    us = [row("Machine Learning Engineer", 200_000, country="US") for _ in range(40)]
    # One wildly paid posting in Pakistan, whose surveyed developers earn a tenth of the US.
    pk = [row("Machine Learning Engineer", 300_000, country="PK")]
    rows = list(read_rows(write(tmp_path / "t.csv", us + pk)))
    levels = {
        "countries": {
            "US": {"level": 0.0, "respondents": 500, "region": "Northern America"},
            "PK": {"level": L(0.1), "respondents": 60, "region": "Southern Asia"},
        },
        "regions": {"Southern Asia": {"level": L(0.1), "respondents": 900}},
        "region_of": {"US": "Northern America", "PK": "Southern Asia"},
    }
    table = BandTable(fit(rows, None, levels))
    pk_median = math.exp(table.lookup("ml_engineer", "senior", "PK", 2025, None).logq[2])
    us_median = math.exp(table.lookup("ml_engineer", "senior", "US", 2025, None).logq[2])
    # Near the survey's tenth, far from the one posting's 1.5x.
    assert 0.08 < pk_median / us_median < 0.2
    assert table.countries["PK"]["postings"] == 1 and table.countries["PK"]["respondents"] == 60
