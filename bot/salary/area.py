"""Metro and region factors: one step on the country band where a published figure exists.

The factors are built by build/locations.py (area median over national median, US areas
taken relative to the posting sample's own mix); this module only words them as a step.
"""

from __future__ import annotations

import math
from typing import Any

from . import taxonomy as tx
from .results import FactorKind

Step = tuple[str, float, str, FactorKind]  # name, log multiplier, source, kind


def area_step(
    areas: dict[str, Any], location: str, family: str
) -> tuple[tuple[Step, ...], tuple[str, ...]]:
    """The area factor for a role family, with the notes it leaves."""
    entry = areas[location]["factors"].get(family)
    lab = tx.label("location", location)
    if entry is None:
        return (), (f"No published pay figure for {lab}; the country band is used as is.",)
    step: Step = (
        f"Area: {lab} vs {_relative_to(entry)}",
        math.log(entry["value"]),
        _area_source(entry),
        "data",
    )
    if entry["weak"]:
        weak = f"The {lab} factor rests on an older or proxy figure: treat it as rough."
        return (step,), (weak,)
    return (step,), ()


def _relative_to(entry: dict[str, Any]) -> str:
    return str(entry.get("relative_to", "the country's median"))


def _area_source(entry: dict[str, Any]) -> str:
    """Which published ratio, and what it was divided by to sit on the band's own mix."""
    ratio = f"area/national median {entry.get('bls_ratio', entry['value']):.2f}"
    if entry.get("pooled"):
        ratio = "Bay Area pooled " + ratio
    mix = entry.get("sample_mix")
    scaled = f" ÷ {mix:.2f} sample mix (calibrated to DOL LCA filings)" if mix else ""
    return (
        f"{entry['publisher']}: {entry['occupation']}, {ratio}{scaled}, {entry['year']}; "
        "an approximation for this role"
    )
