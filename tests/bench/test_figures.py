"""Summaries of outcomes: nearest-rank percentiles, error kinds, where charts came."""

from __future__ import annotations

from bench.measure.figures import percentiles, summarise
from bench.measure.watch import Outcome


def test_percentiles_are_nearest_rank() -> None:
    assert percentiles([float(n) for n in range(100, 0, -1)]) == {
        "p50": 50.0,
        "p95": 95.0,
        "p99": 99.0,
        "max": 100.0,
    }
    # Three samples: the median is the second, p95 and p99 the largest.
    assert percentiles([3.0, 1.0, 2.0]) == {"p50": 2.0, "p95": 3.0, "p99": 3.0, "max": 3.0}


def test_no_samples_give_no_percentiles() -> None:
    assert percentiles([]) == {"p50": None, "p95": None, "p99": None, "max": None}


def test_summary_counts_errors_by_kind_and_charts_by_where_they_came() -> None:
    outcomes = [
        Outcome("estimate", first_ms=5.0, chart_ms=5.0, chart_in_first_answer=True),
        Outcome("estimate", first_ms=6.0, chart_ms=40.0),
        Outcome("compare", first_ms=7.0, chart_offered=True),
        Outcome("tips", problems=["no answer"]),
        Outcome("profile", first_ms=4000.0, problems=["answer after 3 s"]),
    ]
    summary = summarise(outcomes, wall_s=2.0)
    assert summary["interactions"] == 5
    assert summary["errors"] == 2
    assert summary["error_kinds"] == {"no answer": 1, "answer after 3 s": 1}
    assert summary["charts_shown"] == 2
    assert summary["charts_in_first_answer"] == 1
    assert summary["charts_left_for_a_button"] == 1
    assert summary["chart_edit_ms"]["max"] == 40.0
    assert summary["throughput_per_s"] == 2.0  # four answers in two seconds
    assert summary["first_response_ms_by_kind"]["tips"]["p50"] is None
