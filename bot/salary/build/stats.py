"""Small numeric helpers shared by the build and the evaluation (stdlib only)."""

from __future__ import annotations

import math
from collections.abc import Sequence

QUANTILES: tuple[float, ...] = (0.10, 0.25, 0.50, 0.75, 0.90)
MEDIAN_INDEX = 2


def quantiles(values: Sequence[float], probs: Sequence[float] = QUANTILES) -> list[float]:
    """Linearly interpolated sample quantiles (the common 'type 7' rule)."""
    data = sorted(values)
    n = len(data)
    if n == 0:
        raise ValueError("no values")
    out = []
    for p in probs:
        pos = p * (n - 1)
        lo = math.floor(pos)
        hi = min(lo + 1, n - 1)
        out.append(data[lo] + (data[hi] - data[lo]) * (pos - lo))
    return out


def median(values: Sequence[float]) -> float:
    return quantiles(values, (0.5,))[0]


def pinball(y: float, pred: Sequence[float], probs: Sequence[float] = QUANTILES) -> float:
    """Mean pinball (quantile) loss of one observation over the quantiles."""
    total = 0.0
    for p, q in zip(probs, pred, strict=True):
        diff = y - q
        total += p * diff if diff >= 0 else (p - 1.0) * diff
    return total / len(probs)


def shrink(
    emp: Sequence[float],
    n: float,
    prior: Sequence[float],
    k_loc: float,
    k_shape: float,
) -> list[float]:
    """Partial pooling of a quantile vector toward a prior vector.

    The location (median) moves toward the data with weight n/(n+k_loc); the
    shape (each quantile's distance from the median) with n/(n+k_shape), so
    a few rows can shift a band but not make it implausibly narrow.
    """
    m = MEDIAN_INDEX
    w_loc = n / (n + k_loc) if n > 0 else 0.0
    w_shape = n / (n + k_shape) if n > 0 else 0.0
    centre = prior[m] + w_loc * (emp[m] - prior[m])
    out = []
    for i, (e, p) in enumerate(zip(emp, prior, strict=True)):
        if i == m:
            out.append(centre)
            continue
        offset = w_shape * (e - emp[m]) + (1 - w_shape) * (p - prior[m])
        out.append(centre + offset)
    return monotone(out)


def monotone(values: Sequence[float], gap: float = 1e-6) -> list[float]:
    """Force a non-decreasing vector (guards against rounding crossings)."""
    out: list[float] = []
    for v in values:
        out.append(v if not out or v >= out[-1] else out[-1] + gap)
    return out


def solve(matrix: list[list[float]], rhs: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (small dense systems)."""
    n = len(rhs)
    a = [[*row, rhs[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        if abs(a[pivot][col]) < 1e-12:
            raise ValueError("singular system")
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(col + 1, n):
            f = a[r][col] / a[col][col]
            if f:
                row_r, row_c = a[r], a[col]
                for c in range(col, n + 1):
                    row_r[c] -= f * row_c[c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x
