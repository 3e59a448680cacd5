"""Benchmark the PNG band chart renderer; prints one JSON object.

Usage: .venv/bin/python bench/chart.py [-n N]

Rendered texts are kept between charts, so repeated charts mostly reuse them;
`rows_1_new_titles` gives each chart a title and subtitle never drawn before.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.render.band_chart import BandRow, render_band_chart  # noqa: E402

CITIES = [
    "San Francisco, CA",
    "Seattle, WA",
    "New York, NY",
    "Zürich",
    "São Paulo",
    "London",
    "Remote — Europe, Middle East and Africa",
    "Bangalore",
]


def money(v: float) -> str:
    return f"${v / 1000:,.0f}k"


def rows(count: int) -> list[BandRow]:
    out = []
    for i in range(count):
        m = 90_000 + 17_000 * i
        out.append(
            BandRow(
                CITIES[i % len(CITIES)],
                m * 0.7,
                m * 0.85,
                m,
                m * 1.2,
                m * 1.45,
                highlight=i == 1 or count == 1,
                marker=m * 1.1,
            )
        )
    return out


def render(data: list[BandRow], n: int = 412) -> bytes:
    return render_band_chart(
        data,
        title="ML engineer base salary" + ("" if n == 412 else f" #{n}"),
        subtitle=f"Source: aijobs.net salary index, n={n}",
        axis_label="Base salary, USD per year",
        money=money,
        marker_label="Purchasing-power-adjusted median",
    )


def percentile(sorted_ms: list[float], q: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, round(q * (len(sorted_ms) - 1)))]


def time_renders(
    data: list[BandRow], n: int, new_titles: bool = False
) -> tuple[dict[str, float], int]:
    png = render(data)  # Warm-up: first call per thread loads fonts.
    samples = []
    for i in range(n):
        t0 = time.perf_counter()
        render(data, 1000 + i if new_titles else 412)
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    stats = {
        "p50": round(statistics.median(samples), 2),
        "p95": round(percentile(samples, 0.95), 2),
    }
    return stats, len(png)


def cold_import_ms() -> float:
    code = (
        "import time; t = time.perf_counter(); import bot.render.band_chart; "
        "print((time.perf_counter() - t) * 1000)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return round(float(out.stdout.strip()), 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=100, help="renders per chart size")
    args = parser.parse_args()

    stats_1, size_1 = time_renders(rows(1), args.n)
    stats_8, size_8 = time_renders(rows(8), args.n)
    stats_new, _ = time_renders(rows(1), args.n, new_titles=True)
    result = {
        "render_ms": {"rows_1": stats_1, "rows_8": stats_8, "rows_1_new_titles": stats_new},
        "png_kb": {"rows_1": round(size_1 / 1024, 1), "rows_8": round(size_8 / 1024, 1)},
        "cold_import_ms": cold_import_ms(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
