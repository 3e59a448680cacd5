"""Salary domain benchmark: prints one JSON object.

    python bench/salary.py [--n 20000]

load_ms: reading and indexing the shipped tables (cold, in a fresh process).
estimate_us: one SalaryModel.estimate over a rotating set of realistic queries.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES: list[dict[str, Any]] = [
    {"role": "MLE", "years": 5, "location": "Seattle"},
    {"role": "data scientist", "years": 2, "location": "US", "education": "masters"},
    {"role": "research scientist", "level": "senior", "location": "SF", "skills": "pytorch, llm"},
    {"role": "data engineer", "years": 8, "location": "GB", "currency": "GBP"},
    {"role": "ai engineer", "years": 1, "location": "India", "currency": "INR"},
    {"role": "swe", "location": "Toronto", "remote": True, "currency": "CAD"},
    {"role": "data analyst", "years": 12, "industry": "finance", "company_type": "big tech"},
    {"role": "mlops", "years": 4, "location": "Germany", "certifications": "aws ml"},
]


def _pct(sorted_values: list[float], p: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(p * len(sorted_values)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20_000)
    n = ap.parse_args().n

    t0 = time.perf_counter()
    from bot.salary.model import SalaryModel  # import cost counted separately

    t1 = time.perf_counter()
    model = SalaryModel.load()
    t2 = time.perf_counter()

    from bot.salary.compare import compare_roles
    from bot.salary.query import parse_query
    from bot.salary.tips import tips

    queries = [parse_query(**q) for q in QUERIES]
    for q in queries:  # warm up
        model.estimate(q)
    times: list[float] = []
    for i in range(n):
        q = queries[i % len(queries)]
        s = time.perf_counter_ns()
        model.estimate(q)
        times.append((time.perf_counter_ns() - s) / 1000)
    times.sort()

    parse_times: list[float] = []
    for i in range(2000):
        raw = QUERIES[i % len(QUERIES)]
        s = time.perf_counter_ns()
        parse_query(**raw)
        parse_times.append((time.perf_counter_ns() - s) / 1000)
    parse_times.sort()

    start = time.perf_counter()
    for q in queries:
        tips(model, q)
    tips_ms = (time.perf_counter() - start) * 1000 / len(queries)
    start = time.perf_counter()
    for q in queries:
        compare_roles(model, q)
    compare_ms = (time.perf_counter() - start) * 1000 / len(queries)

    print(
        json.dumps(
            {
                "import_ms": round((t1 - t0) * 1000, 2),
                "load_ms": round((t2 - t1) * 1000, 2),
                "estimate_us": {
                    "n": n,
                    "median": round(statistics.median(times), 2),
                    "p99": round(_pct(times, 0.99), 2),
                    "max": round(times[-1], 2),
                },
                "parse_query_us_median": round(statistics.median(parse_times), 2),
                "tips_ms_mean": round(tips_ms, 3),
                "compare_roles_ms_mean": round(compare_ms, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
