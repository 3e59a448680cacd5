"""Build the shipped tables from the raw files kept in data/raw/.

    python -m bot.salary.build [--out DIR] [--check]

Deterministic: same inputs, byte-identical outputs (sorted keys, rounded
numbers, no timestamps). --check rebuilds in memory and exits 1 if the
shipped files differ.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import build_bands, build_effects, build_locations
from .aijobs import read_rows
from .paths import AIJOBS_RAW, DATA_DIR, LOCATION_RAW, SO_RAW

TABLES = ("bands", "effects", "locations")


def build_tables() -> dict[str, bytes]:
    """Every table as the exact bytes that are shipped."""
    tables = {
        "bands": build_bands.fit(read_rows(AIJOBS_RAW)),
        "effects": build_effects.build(SO_RAW),
        "locations": build_locations.build(LOCATION_RAW),
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


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build bot/salary/data/*.json from data/raw/.")
    ap.add_argument("--out", type=Path, default=DATA_DIR)
    ap.add_argument("--check", action="store_true", help="compare with the files in --out")
    args = ap.parse_args(argv)
    tables = build_tables()
    if args.check:
        stale = [n for n in TABLES if (args.out / f"{n}.json").read_bytes() != tables[n]]
        print("stale: " + ", ".join(stale) if stale else "up to date")
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        (args.out / f"{name}.json").write_bytes(tables[name])
        print(f"{name}.json  {len(tables[name]):>8,d} bytes")
    print(f"sha256 {digest(tables)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
