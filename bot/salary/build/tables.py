"""Every shipped table as the exact bytes a fresh build gives.

Deterministic: same inputs, byte-identical outputs (sorted keys, rounded
numbers, no timestamps).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from . import bands, effects, locations, rates, survey
from .aijobs import read_rows
from .paths import (
    AIJOBS_RAW,
    HMRC_RATES_RAW,
    LOCATION_RAW,
    LOCATION_REFERENCE,
    REGIONS_RAW,
    SO2025_RAW,
    SO_RAW,
)

TABLES = ("bands", "effects", "locations", "rates")


def build_tables() -> dict[str, bytes]:
    """Every table as the exact bytes that are shipped."""
    band_table = bands.fit(read_rows(AIJOBS_RAW), levels=survey_levels())
    tables = {
        "bands": band_table,
        "effects": effects.build(SO_RAW),
        "locations": locations.build(LOCATION_RAW, LOCATION_REFERENCE),
        "rates": rates.build(AIJOBS_RAW, HMRC_RATES_RAW, band_table["countries"]),
    }
    return {name: _dump(data) for name, data in tables.items()}


def survey_levels() -> dict[str, Any]:
    """Country levels from the survey's build part (the held-out fifth stays out)."""
    build, _ = survey.split(survey.read_respondents(SO2025_RAW))
    return survey.country_levels(build, survey.read_regions(REGIONS_RAW))


def _dump(data: object) -> bytes:
    return (
        json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
    ).encode()


def digest(tables: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for name in sorted(tables):
        h.update(name.encode() + b"\0" + tables[name])
    return h.hexdigest()
