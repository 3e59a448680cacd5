"""Build the shipped tables from the raw files kept in data/raw/.

    python -m bot.salary.build [--out DIR] [--check]

--check rebuilds in memory and exits 1 if the shipped files differ.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..paths import DATA_DIR
from .tables import TABLES, build_tables, digest


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
