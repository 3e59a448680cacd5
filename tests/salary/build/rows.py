"""Tiny CSV files in the aijobs schema for the pipeline tests."""

import csv
import gzip
from pathlib import Path

HEADER = [
    "work_year",
    "experience_level",
    "employment_type",
    "job_title",
    "salary",
    "salary_currency",
    "salary_in_usd",
    "employee_residence",
    "remote_ratio",
    "company_location",
    "company_size",
]


def write(path: Path, rows: list[list[object]]) -> Path:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def row(
    title: str, usd: int, level: str = "SE", ft: str = "FT", country: str = "US"
) -> list[object]:
    return [2025, level, ft, title, usd, "USD", usd, country, 0, country, "M"]
