"""Reading salary rows in the aijobs.net schema.

The rows are posted salaries, not a survey: many rows are exact repeats of
the same posting and neighbouring rows often carry the low and high end of
one advertised range. Both facts are handled here on purpose:

- a *posting* is a run of neighbouring rows identical except for the salary,
  split into pairs (a longer run is several ranges posted together); it is
  the unit we count for sample sizes and shrinkage, since the two ends of one
  range are not two independent observations;
- every row still enters the quantiles, so a band covers both ends of the
  advertised ranges, which is what an offer in that cell looks like.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..taxonomy import LEVEL_BY_CODE, role_for_title


@dataclass(frozen=True, slots=True)
class Row:
    year: int
    level: str  # level key (entry/mid/senior/principal)
    role: str | None  # role key, None when the title maps to no role
    country: str  # company_location, ISO alpha-2
    remote: bool | None  # True 100% remote, False on-site, None hybrid/unknown
    usd: float
    full_time: bool
    posting: int  # posting id (see module docstring)
    raw: tuple[str, ...]  # the full CSV row, for exact-repeat detection


def _open(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")  # closed by the caller


def _remote(value: str) -> bool | None:
    if value == "100":
        return True
    if value == "0":
        return False
    return None


def read_rows(path: str | Path) -> Iterator[Row]:
    """Yield parsed rows; rows with unreadable numbers are skipped."""
    posting = -1
    prev_key: tuple[str, ...] | None = None
    run = 0
    with _open(Path(path)) as fh:
        for rec in csv.DictReader(fh):
            try:
                year = int(rec["work_year"])
                usd = float(rec["salary_in_usd"])
            except (KeyError, TypeError, ValueError):
                continue
            key = tuple(v for k, v in rec.items() if k not in ("salary", "salary_in_usd"))
            if key == prev_key and run < 2:
                run += 1
            else:
                posting += 1
                run = 1
            prev_key = key
            yield Row(
                year=year,
                level=LEVEL_BY_CODE.get(rec.get("experience_level", ""), ""),
                role=role_for_title(rec.get("job_title", ""), data_row=True),
                country=(rec.get("company_location") or "").upper(),
                remote=_remote(rec.get("remote_ratio", "")),
                usd=usd,
                full_time=rec.get("employment_type") == "FT",
                posting=posting,
                raw=tuple(rec.values()),
            )
