"""Where the raw inputs and the built tables live."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
REPO_DIR = PACKAGE_DIR.parent.parent
RAW_DIR = REPO_DIR / "data" / "raw"
AIJOBS_RAW = RAW_DIR / "aijobs-salaries" / "salaries_train.csv.gz"
SO_RAW = RAW_DIR / "so2023-us" / "so2023_us_subset.csv"
LOCATION_RAW = RAW_DIR / "location-factors" / "location_factors_sources.csv"
