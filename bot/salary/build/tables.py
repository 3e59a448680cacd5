"""Every shipped table as the exact bytes a fresh build gives.

Deterministic: same inputs, byte-identical outputs (sorted keys, rounded
numbers, no timestamps).
"""

from __future__ import annotations

import hashlib
import json

from . import bands, effects, locations
from .aijobs import read_rows
from .paths import AIJOBS_RAW, LOCATION_RAW, LOCATION_REFERENCE, SO_RAW

TABLES = ("bands", "effects", "locations")


def build_tables() -> dict[str, bytes]:
    """Every table as the exact bytes that are shipped."""
    tables = {
        "bands": bands.fit(read_rows(AIJOBS_RAW)),
        "effects": effects.build(SO_RAW),
        "locations": locations.build(LOCATION_RAW, LOCATION_REFERENCE),
    }
    return {name: _dump(data) for name, data in tables.items()}


def _dump(data: object) -> bytes:
    return (
        json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
    ).encode()


def digest(tables: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for name in sorted(tables):
        h.update(name.encode() + b"\0" + tables[name])
    return h.hexdigest()
