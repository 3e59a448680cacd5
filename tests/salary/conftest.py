"""A tiny hand-made model: every expected number in the tests follows from it."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bot.salary.model import SalaryModel, get_model

L = math.log
# Base band for a senior ML engineer in the US in 2025, in USD.
CELL_USD = (80_000.0, 90_000.0, 100_000.0, 120_000.0, 150_000.0)
TOP_USD = (60_000.0, 70_000.0, 80_000.0, 95_000.0, 110_000.0)


def _rec(usd: tuple[float, ...], n: int, share: float) -> list[float]:
    return [*(L(v) for v in usd), n, share]


BANDS = {
    "ref_year": 2025,
    "first_year": 2024,
    "year_index": {"2024": -0.1, "2025": 0.0},
    "growth": {"measured": {"2024-2025": 0.1052}, "projection": 0.1},
    "remote": {"effect": {"US": 0.1, "other": 0.0, "all": 0.05}},
    "countries": {
        "US": {
            "offset": 0.0,
            "postings": 100,
            "respondents": 500,
            "postings_share": 1.0,
            "region": "Northern America",
        },
        "GB": {
            "offset": -0.5,
            "postings": 10,
            "respondents": 40,
            "postings_share": 0.2,
            "region": "Northern Europe",
        },
        "NG": {
            "offset": -1.5,
            "postings": 0,
            "respondents": 4,
            "postings_share": 0.0,
            "region": "Sub-Saharan Africa",
        },
    },
    "regions": {"Sub-Saharan Africa": {"level": -1.4, "respondents": 250}},
    "cells": {"ml_engineer|senior|US|2025": _rec(CELL_USD, 50, 0.25)},
    "groups": {"ml_engineer|senior|US": _rec(CELL_USD, 60, 0.25)},
    "top": {
        "ml_engineer|senior": _rec(TOP_USD, 70, 0.2),
        "ml_engineer|any": _rec(TOP_USD, 90, 0.2),
        "any|senior": _rec(TOP_USD, 200, 0.2),
        "any|any": _rec(TOP_USD, 300, 0.2),
        "data_scientist|senior": _rec(tuple(v * 0.9 for v in TOP_USD), 40, 0.2),
    },
}
EFFECTS = {
    "n_respondents": 1000,
    "education": {"masters": {"log_effect": 0.05, "n": 300}},
    "industry": {"finance": {"log_effect": 0.1, "n": 100}},
    "company": {"big_tech": {"log_effect": 0.2, "n": 200}},
    "skill": {"python": {"log_effect": 0.02, "n": 600}},
}
SEATTLE = {
    "value": 1.25,
    "occupation": "Software Developers (SOC 15-1252)",
    "year": "May 2024",
    "publisher": "BLS OEWS",
    "weak": False,
}
LOCATIONS = {
    "role_family": {"ml_engineer": "engineering", "data_scientist": "science"},
    "areas": {
        "us-seattle": {
            "factors": {"engineering": SEATTLE},
            "rpp": {"value": 110.0, "year": 2023, "source": "BEA RPP"},
        }
    },
}


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("salary-tables")
    for name, data in (("bands", BANDS), ("effects", EFFECTS), ("locations", LOCATIONS)):
        (path / f"{name}.json").write_text(json.dumps(data))
    return path


@pytest.fixture(scope="session")
def tiny(fixture_dir: Path) -> SalaryModel:
    return SalaryModel.load(fixture_dir)


@pytest.fixture(scope="session")
def shipped() -> SalaryModel:
    return get_model()
