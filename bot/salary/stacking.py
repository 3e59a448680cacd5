"""How several factors on one band combine: overlap shrink, then a cap from the data.

Each factor was measured on its own (a metro ratio, a survey coefficient, a
labelled assumption), and they are not independent: big-tech employers sit
in the hubs and hire more PhDs, so multiplying them counts shared pay more
than once. The rule, in log space: the largest factor counts in full and
every further one at OVERLAP strength. The shrunk product is then capped so
the median never passes the highest P90 the data has for that role in that
country; the answer says so when it is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

OVERLAP = 0.5  # assumption: no data measures the factors jointly


def shrink_adjustment(effects: Sequence[float]) -> float:
    """Log change that turns the plain sum of `effects` into the overlap-shrunk one."""
    if len(effects) < 2:
        return 0.0
    ordered = sorted(effects, key=abs, reverse=True)
    combined = ordered[0] + OVERLAP * sum(ordered[1:])
    return combined - sum(effects)


def cap_adjustment(log_median: float, cap: float | None) -> float:
    """Log change (never positive) that holds the median at the cap."""
    if cap is None or cap <= 0:
        return 0.0
    return min(0.0, math.log(cap) - log_median)
