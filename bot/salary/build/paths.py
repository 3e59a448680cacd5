"""Where the raw inputs of the build live (data/raw/ at the repository root)."""

from __future__ import annotations

from ..paths import PACKAGE_DIR

REPO_DIR = PACKAGE_DIR.parent.parent
RAW_DIR = REPO_DIR / "data" / "raw"
AIJOBS_RAW = RAW_DIR / "aijobs-salaries" / "salaries_train.csv.gz"
SO_RAW = RAW_DIR / "so2023-us" / "so2023_us_subset.csv"
LOCATION_RAW = RAW_DIR / "location-factors" / "location_factors_sources.csv"
LOCATION_REFERENCE = RAW_DIR / "location-reference" / "premium_ranges.csv"
SO2025_RAW = RAW_DIR / "so2025-world" / "so2025_world.csv.gz"
REGIONS_RAW = RAW_DIR / "regions" / "regions.csv"
HMRC_RATES_RAW = RAW_DIR / "hmrc-rates" / "hmrc_average_rates_2025.csv"
