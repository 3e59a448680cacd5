"""Outcomes summed up: counts, error kinds and nearest-rank percentiles."""

from __future__ import annotations

from collections import Counter
from typing import Any

from bench.measure.plan import KINDS
from bench.measure.watch import Outcome


def percentiles(samples: list[float]) -> dict[str, float | None]:
    if not samples:
        return {"p50": None, "p95": None, "p99": None, "max": None}
    ordered = sorted(samples)

    def at(fraction: float) -> float:
        # Nearest rank: the smallest sample with at least `fraction` of samples at or below it.
        rank = max(1, -(-len(ordered) * fraction // 1))
        return round(ordered[int(rank) - 1], 2)

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "max": round(ordered[-1], 2)}


def summarise(outcomes: list[Outcome], wall_s: float) -> dict[str, Any]:
    problems = Counter(problem for o in outcomes for problem in o.problems)
    firsts = [o.first_ms for o in outcomes if o.first_ms is not None]
    by_kind = {
        kind: percentiles([o.first_ms for o in outcomes if o.kind == kind and o.first_ms])
        for kind in KINDS
    }
    return {
        "interactions": len(outcomes),
        "errors": sum(problems.values()),
        "error_kinds": dict(problems),
        "cooldown_answers": sum(o.cooldown for o in outcomes),
        "first_response_ms": percentiles(firsts),
        # Until the answer could be read: the first answer, or the edit after "thinking…".
        "content_ms": percentiles([o.content_ms for o in outcomes if o.content_ms is not None]),
        "deferred_at_once": sum(o.deferred for o in outcomes),
        "turned_away": sum(o.turned_away for o in outcomes),
        "first_response_ms_by_kind": by_kind,
        # Until the chart was shown, with the first answer or in the edit after it.
        "chart_edit_ms": percentiles([o.chart_ms for o in outcomes if o.chart_ms is not None]),
        "charts_shown": sum(o.chart_ms is not None for o in outcomes),
        "charts_in_first_answer": sum(o.chart_in_first_answer for o in outcomes),
        "charts_left_for_a_button": sum(o.chart_offered for o in outcomes),
        "throughput_per_s": round(len(firsts) / wall_s, 1) if wall_s > 0 else None,
    }
