"""Keep the levels in order: entry < mid < senior < principal, by at least MIN_STEP.

Bands are fitted level by level, and thin or oddly mixed groups can come out
of order (a research-scientist entry band above the mid one, a principal
band under the senior one). Seniority is the one thing the data is sure
about, so the medians of one role x place x year are fitted to an
increasing sequence: weighted isotonic regression (pool adjacent violators,
weights = postings) on median - i * MIN_STEP, the step added back. A level
already in order and far from its neighbours keeps its band; one out of
order is pooled with its neighbour. Each band then moves as a whole.
"""

from __future__ import annotations

from collections.abc import Sequence

MIN_STEP = 0.03  # log: each level pays at least 3% more than the one below


def increasing(values: Sequence[float], weights: Sequence[float]) -> list[float]:
    """Weighted least-squares non-decreasing fit (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [mean, weight, count]
    for v, w in zip(values, weights, strict=True):
        blocks.append([v, max(w, 1e-9), 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, c2 = blocks.pop()
            v1, w1, c1 = blocks.pop()
            blocks.append([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, c1 + c2])
    out: list[float] = []
    for mean, _, count in blocks:
        out.extend([mean] * int(count))
    return out


def ordered_shifts(medians: Sequence[float], weights: Sequence[float]) -> list[float]:
    """Log shift for each level that puts the medians in order, MIN_STEP apart."""
    steps = [i * MIN_STEP for i in range(len(medians))]
    fitted = increasing([m - s for m, s in zip(medians, steps, strict=True)], weights)
    return [f + s - m for f, s, m in zip(fitted, steps, medians, strict=True)]
