"""Metro and region factors: one step on the country band where a published figure exists.

The factors are built by build/locations.py (area median over national median, US areas
taken relative to the posting sample's own mix); this module only words them as a step.
"""

from __future__ import annotations

import math
from typing import Any

from .results import FactorKind, by_key
from .said import N_, Decimal, Name, Said, said

# name, log multiplier, source, kind; a name or source is a Said, or a published name as is.
Step = tuple[Said | str, float, Said | str, FactorKind]
# What an area's published median is divided by (build/locations.py), in the reader's words.
RELATIVE_TO = by_key(
    N_("the posting sample's US mix"),
    N_("the Canadian national median"),
    N_("the country's median"),
)
# The two places priced from an older stand-in figure say so in the data's own English;
# published publishers and periods ("BLS OEWS", "May 2024") stay as they are.
STAND_INS = by_key(
    N_("older stand-in figure (technical.ly)"),
    N_("older stand-in figure (stacker.com)"),
    N_("2022 (Lightcast, NOT BLS OEWS)"),
    N_("unstated OEWS vintage (<=May 2022; article 2023; cites 2021 national)"),
)


def area_step(
    areas: dict[str, Any], location: str, family: str
) -> tuple[tuple[Step, ...], tuple[Said, ...]]:
    """The area factor for a role family, with the notes it leaves."""
    entry = areas[location]["factors"].get(family)
    place = Name("location", location)
    if entry is None:
        return (), (
            said(
                "No published pay figure for {place}; the country band is used as is.", place=place
            ),
        )
    step: Step = (
        said("Area: {place} vs {relative_to}", place=place, relative_to=_relative_to(entry)),
        math.log(entry["value"]),
        _area_source(entry),
        "data",
    )
    if entry["weak"]:
        weak = said(
            "The {place} factor rests on an older or proxy figure: treat it as rough.", place=place
        )
        return (step,), (weak,)
    return (step,), ()


def _relative_to(entry: dict[str, Any]) -> Said | str:
    text = str(entry.get("relative_to", "the country's median"))
    return RELATIVE_TO.get(text, text)


def _area_source(entry: dict[str, Any]) -> Said:
    """Which published ratio, and what it was divided by to sit on the band's own mix."""
    value = _ratio(entry.get("bls_ratio", entry["value"]))
    ratio = (
        said("Bay Area pooled area/national median {value}", value=value)
        if entry.get("pooled")
        else said("area/national median {value}", value=value)
    )
    published = {
        "publisher": _stand_in(str(entry["publisher"])),
        "occupation": entry["occupation"],
        "ratio": ratio,
        "year": _stand_in(str(entry["year"])),
    }
    mix = entry.get("sample_mix")
    if mix:
        return said(
            "{publisher}: {occupation}, {ratio} ÷ {mix} sample mix (calibrated to DOL LCA "
            "filings), {year}; an approximation for this role",
            mix=_ratio(mix),
            **published,
        )
    return said(
        "{publisher}: {occupation}, {ratio}, {year}; an approximation for this role", **published
    )


def _stand_in(text: str) -> Said | str:
    return STAND_INS.get(text, text)


def _ratio(value: float) -> Decimal:
    # Two decimals, as the ratio is quoted; two places with the same quoted ratio are one move.
    return Decimal(round(value, 2), 2)
